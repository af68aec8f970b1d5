// Provider verification: every committed pact in contracts/pacts/ against the real Hono server
// (startServer, port 0), each interaction in a fresh sandbox created from its provider state, a scenario.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { recordViolation } from '../../test/support/violations.ts';
import { scenarioProviderStates, type ScenarioStates } from './scenario-states.ts';
import { committedPacts, providerOf, verifyPact } from './verify.ts';

let server: RunningServer;
let states: ScenarioStates;

beforeAll(async () => {
  // strict: every response the verifier sees is also validated against spec/openapi.yaml.
  server = await startServer({
    port: 0,
    dataDir: null,
    scenarios: loadScenarioSeeder(),
    strict: true,
    onViolation: recordViolation,
  });
  states = scenarioProviderStates({ simulatorUrl: server.url });
});
afterAll(() => server?.close());

describe('provider verification (states = scenarios)', () => {
  const pacts = committedPacts();

  it('finds both committed pacts', () => {
    expect(pacts.map(providerOf)).toEqual(expect.arrayContaining(['securitytrax-billing', 'alarm-com-webservices']));
  });

  for (const pactFile of pacts) {
    it(`verifies ${pactFile.split('/').pop()}`, async () => {
      const before = states.created.length;
      await expect(verifyPact({ providerBaseUrl: server.url, pactFile, states })).resolves.toBeDefined();
      // Each interaction ran in its own sandbox, and every sandbox was deleted again.
      expect(states.created.length).toBeGreaterThan(before);
      const sandboxes = (await server.store.names()).filter((n) => n.startsWith('pact-'));
      expect(sandboxes).toEqual([]);
    }, 60_000);
  }

  it('kept the coverage of every interaction, read before its sandbox was deleted', () => {
    const report = states.coverage();
    expect(report?.sandboxes).toEqual(states.created);
    expect(report?.summary.behaviours.covered).toBeGreaterThan(0);
  });
});

// The existing suites again, with every sandbox in PostgreSQL (a real server, a fresh database each): every
// scenario file, the three-transport behaviour cases over a listening server, and the committed pacts.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyPact, committedPacts } from '../../contracts/provider/verify.ts';
import { scenarioProviderStates, type ScenarioStates } from '../../contracts/provider/scenario-states.ts';
import { findScenario, scenarioFiles } from '../../src/scenarios/catalog.ts';
import { textReport } from '../../src/scenarios/report.ts';
import { runScenarioFile } from '../../src/scenarios/runner.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { startServer, type RunningServer } from '../../src/server.ts';
import { openPostgres } from '../../src/store/postgres/open-postgres.ts';
import { freshDatabase } from '../support/postgres.ts';
import { recordViolation } from '../support/violations.ts';
import { runBehaviourSuite } from '../transports/behaviour-cases.ts';

const onPostgres = async () => (await openPostgres(await freshDatabase(), {})).store;

describe.each(scenarioFiles().map((f) => [path.basename(f), f]))('scenario %s on PostgreSQL', (_name, file) => {
  it('replays with every expectation met', async () => {
    const report = await runScenarioFile(findScenario(file), { openStore: onPostgres });
    expect(report.passed, textReport([report])).toBe(true);
  }, 60_000);
});

const serverOnPostgres = async (): Promise<RunningServer> =>
  startServer({
    port: 0,
    database: await freshDatabase(),
    scenarios: loadScenarioSeeder(),
    strict: true,
    onViolation: recordViolation,
  });

runBehaviourSuite({
  name: 'a listening server on PostgreSQL',
  async setup() {
    const server = await serverOnPostgres();
    return { baseUrl: server.url, fetch: (input, init) => fetch(input, init), close: () => server.close() };
  },
});

describe('provider verification on PostgreSQL (states = scenarios)', () => {
  let server: RunningServer;
  let states: ScenarioStates;
  beforeAll(async () => {
    server = await serverOnPostgres();
    states = scenarioProviderStates({ simulatorUrl: server.url });
  });
  afterAll(() => server?.close());

  for (const pactFile of committedPacts()) {
    it(`verifies ${pactFile.split('/').pop()}`, async () => {
      await expect(verifyPact({ providerBaseUrl: server.url, pactFile, states })).resolves.toBeDefined();
      expect((await server.store.names()).filter((n) => n.startsWith('pact-'))).toEqual([]);
    }, 60_000);
  }
});

// Verification must reject a provider that breaks the contract, and interactions whose provider state
// is not a scenario. (The happy path is verify-pacts.test.ts.) The verifier prints its report natively,
// so the FAILED lines it shows while this file runs are expected: the assertions are on the rejections.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { loadScenarioSeeder } from '../../src/scenarios/scenario-seeder.ts';
import { scenarioProviderStates } from './scenario-states.ts';
import { PACT_DIR, PactVerificationError, verifyPact, type VerificationReport } from './verify.ts';

const BILLING_PACT = path.join(PACT_DIR, 'alarm-com-billing-screen-securitytrax-billing.json');

type Outcome = VerificationReport;
const printed = (o: Outcome) => o.output.join('\n');

/** Runs the verifier and returns its failure report (the verifier rejects with it as JSON). */
async function rejection(server: RunningServer, pactFile: string): Promise<Outcome> {
  const states = scenarioProviderStates({ simulatorUrl: server.url });
  const err = await verifyPact({ providerBaseUrl: server.url, pactFile, states }).then(
    () => null,
    (e: unknown) => e as Error,
  );
  expect(err, 'verification should have failed').toBeInstanceOf(PactVerificationError);
  expect((err as PactVerificationError).report).not.toBeNull();
  return (err as PactVerificationError).report!;
}

/** A pact made of the committed billing pact's interactions, each rewritten by `edit`. */
function editedPact(
  edit: (interaction: Record<string, unknown>, index: number) => Record<string, unknown> | null,
): string {
  const pact = JSON.parse(readFileSync(BILLING_PACT, 'utf8')) as { interactions: Record<string, unknown>[] };
  pact.interactions = pact.interactions.map(edit).filter((i): i is Record<string, unknown> => i !== null);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'trax-pact-edit-')), 'edited.json');
  writeFileSync(file, JSON.stringify(pact));
  return file;
}

describe('a provider that renames a response field', () => {
  let server: RunningServer;
  beforeAll(async () => {
    // The real server, with one middleware that renames balanceDueCents in every JSON answer.
    const renameField = (app: Hono) =>
      app.use('/alarm-com/*', async (c, next) => {
        await next();
        const text = await c.res.clone().text();
        if (text.includes('"balanceDueCents"'))
          c.res = new Response(text.replaceAll('"balanceDueCents"', '"balanceDue"'), c.res);
      });
    server = await startServer({ port: 0, dataDir: null, scenarios: loadScenarioSeeder(), extend: renameField });
  });
  afterAll(() => server?.close());

  it('fails verification on exactly the interactions that read the field', async () => {
    const outcome = await rejection(server, BILLING_PACT);
    const failed = outcome.errors.map((e) => e.interaction.replace(/^.* - /, '')).sort();
    expect(failed).toEqual([
      'a summary request for a configured account with nothing due',
      'a summary request for an account with past-due invoices',
    ]);
    for (const e of outcome.errors) {
      expect(e.mismatch.mismatches?.map((m) => m.mismatch)).toContain(
        'Actual map is missing the following keys: balanceDueCents',
      );
    }
  }, 60_000);
});

describe('provider states that are not scenarios', () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ port: 0, dataDir: null, scenarios: loadScenarioSeeder() });
  });
  afterAll(() => server?.close());

  it('an unknown state has no handler, so its interaction fails (no catch-all)', async () => {
    const file = editedPact((i, n) =>
      n === 0 ? { ...i, providerStates: [{ name: 'no-such-scenario' }] } : n === 1 ? i : null,
    );
    const outcome = await rejection(server, file);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.interactionResults?.map((r) => r.result)).toEqual(['Error', 'OK']);
    expect(outcome.errors[0]!.interaction).toContain('Given no-such-scenario');
    // The request never reached the simulator: the answer says why.
    expect(printed(outcome)).toContain('no state handler for provider state \\"no-such-scenario\\"');
  }, 60_000);

  it('an interaction without a provider state fails; the next interaction is unaffected', async () => {
    const file = editedPact((i, n) => (n === 0 ? { ...i, providerStates: [] } : n === 1 ? i : null));
    const outcome = await rejection(server, file);
    expect(outcome.errors).toHaveLength(1);
    expect(outcome.interactionResults?.map((r) => r.result)).toEqual(['Error', 'OK']);
    expect(printed(outcome)).toContain('the interaction has no provider state');
  }, 60_000);

  it('two provider states in one interaction fail', async () => {
    const file = editedPact((i, n) =>
      n === 0 ? { ...i, providerStates: [{ name: 'declined-card' }, { name: 'no-mmr' }] } : null,
    );
    const outcome = await rejection(server, file);
    expect(printed(outcome)).toContain('more than one provider state');
  }, 60_000);

  it('an unknown state parameter fails', async () => {
    const file = editedPact((i, n) =>
      n === 0 ? { ...i, providerStates: [{ name: 'declined-card', params: { clock: '2020-01-01' } }] } : null,
    );
    const outcome = await rejection(server, file);
    expect(outcome.errors).toHaveLength(1);
    expect(printed(outcome)).toContain('unknown parameter(s) clock');
  }, 60_000);
});

// startSimulator (the `trax-sim` entry point), a consumer's own scenario folders (--scenarios DIR) and the
// spec at GET /__sim/openapi.yaml.
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { providerStates } from '../contracts/provider/index.ts';
import { SPEC_PATH } from '../src/http/openapi-index.ts';
import { listScenarios, SCENARIO_DIR } from '../src/scenarios/catalog.ts';
import { scenarioFolders } from '../src/scenarios/scenario-folders.ts';
import { startSimulator, type Simulator } from '../src/index.ts';

const OWN = path.resolve('test/package/my-scenarios');
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** A consumer folder with own-customer and a three-past-due of its own (which must win over the bundled one). */
function consumerFolder(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-own-'));
  copyFileSync(path.join(OWN, 'own-customer.yaml'), path.join(dir, 'own-customer.yaml'));
  const own = readFileSync(path.join(OWN, 'own-customer.yaml'), 'utf8').replace(
    'name: own-customer',
    'name: three-past-due',
  );
  writeFileSync(
    path.join(dir, 'three-past-due.yaml'),
    own.replace(/^description: .*$/m, 'description: The consumer version.'),
  );
  return dir;
}

describe('scenario folders', () => {
  it('are the consumer folders first, then the bundled scenarios/; a missing folder is an error at once', () => {
    expect(scenarioFolders(['test/package/my-scenarios'])).toEqual([OWN, SCENARIO_DIR]);
    expect(() => scenarioFolders(['no/such/folder'])).toThrow(/scenario folder .*no\/such\/folder does not exist/);
  });

  it('list every scenario once, a name found first in a consumer folder winning', () => {
    const list = listScenarios(scenarioFolders([consumerFolder()]));
    expect(list.filter((s) => s.name === 'three-past-due').map((s) => s.description)).toEqual([
      'The consumer version.',
    ]);
    expect(list.map((s) => s.name)).toContain('own-customer');
    expect(list.map((s) => s.name)).toContain('declined-card');
  });

  it('give Pact provider states for the consumer scenarios too', () => {
    expect(providerStates({ simulatorUrl: 'http://127.0.0.1:1', scenarios: [OWN] }).names).toContain('own-customer');
    expect(providerStates({ simulatorUrl: 'http://127.0.0.1:1' }).names).not.toContain('own-customer');
  });
});

describe('startSimulator', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ scenarios: [consumerFolder()], strict: true });
  });
  afterAll(() => sim.close());

  it('listens on a free port with the demo data in memory', async () => {
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const res = await fetch(`${sim.url}/alarm-com/api/billing/summary`, {
      headers: { authorization: basic('jane', 'jane-pass') },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ balanceDueCents: expect.any(Number) });
  });

  it('seeds sandboxes from a consumer scenario, lists it, and runs the consumer version of a bundled name', async () => {
    const created = await fetch(`${sim.url}/__sim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'mine', scenario: 'own-customer' }),
    });
    expect(created.status).toBe(201);
    const summary = await fetch(`${sim.url}/alarm-com/api/billing/summary`, {
      headers: { authorization: basic('ana', 'ana-pass'), 'x-sandbox': 'mine' },
    });
    expect(await summary.json()).toMatchObject({ balanceDueCents: 4500 });
    const list = (await (await fetch(`${sim.url}/__sim/scenarios`)).json()) as {
      items: { name: string; description: string }[];
    };
    expect(list.items.find((s) => s.name === 'three-past-due')?.description).toBe('The consumer version.');
    const run = await fetch(`${sim.url}/__sim/scenarios/three-past-due/run`, { method: 'POST' });
    expect(await run.json()).toMatchObject({
      name: 'three-past-due',
      passed: true,
      steps: [{ name: 'The first invoice is due today and unpaid', passed: true }],
    });
  });

  it('serves the spec it validates against at GET /__sim/openapi.yaml', async () => {
    const res = await fetch(`${sim.url}/__sim/openapi.yaml`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/yaml');
    expect(await res.text()).toBe(readFileSync(SPEC_PATH, 'utf8'));
  });

  it('seeds the default sandbox from `scenario`, found in a consumer folder; close() can be called twice', async () => {
    const other = await startSimulator({ scenario: 'own-customer', scenarios: [OWN] });
    const sandbox = (await (await fetch(`${other.url}/__sim/sandboxes/default`)).json()) as { seed: unknown };
    expect(sandbox.seed).toEqual({ kind: 'scenario', name: 'own-customer' });
    await other.close();
    await expect(other.close()).resolves.toBeUndefined();
  });
});

describe('startSimulator().coverage', () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator();
  });
  afterAll(() => sim?.close());

  it('reads the coverage of the default sandbox, of a sandbox, of a tag or of all; an unknown tag rejects with the 404', async () => {
    const made = await fetch(`${sim.url}/__sim/sandboxes`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'run-7-a', scenario: 'first-invoice-pending', tag: 'run-7' }),
    });
    expect(made.status).toBe(201);
    const read = await fetch(`${sim.url}/sandboxes/run-7-a/alarm-com/api/billing/summary`, {
      headers: { authorization: basic('zoe', 'zoe-pass') },
    });
    expect(read.status).toBe(200);

    const tagged = await sim.coverage({ tag: 'run-7' });
    expect(tagged).toMatchObject({ sandboxes: ['run-7-a'], tag: 'run-7' });
    const exercised = tagged.behaviours.filter((b) => b.count > 0).map((b) => b.id);
    expect(exercised).toContain('no-balance-before-first-invoice');
    expect(await sim.coverage({ sandbox: 'run-7-a' })).toMatchObject({ sandboxes: ['run-7-a'], tag: null });
    expect((await sim.coverage()).sandboxes).toEqual(['default']);
    expect((await sim.coverage({ all: true })).sandboxes).toEqual(expect.arrayContaining(['default', 'run-7-a']));
    await expect(sim.coverage({ tag: 'no-such-run' })).rejects.toMatchObject({
      name: 'CoverageReadError',
      status: 404,
      problem: { code: 'tag-not-found' },
    });
  });
});

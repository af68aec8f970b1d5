import { describe, expect, it } from 'vitest';
import { scenarioFiles } from '../src/scenarios/catalog.ts';
import { spawnServe } from './support/spawn-cli.ts';
import { basic, testApp } from './support/test-app.ts';

const JANE = basic('jane', 'jane-pass');

describe('/__sim/scenarios', () => {
  it('lists every scenario file with its description', async () => {
    const t = await testApp();
    const res = await t.call('GET', '/__sim/scenarios');
    expect(res.body.items.map((s: { name: string }) => s.name)).toHaveLength(scenarioFiles().length);
    expect(res.body.items).toContainEqual(
      expect.objectContaining({ name: 'three-past-due', description: expect.stringContaining('Mar 3') }),
    );
  });

  it("loads a scenario's starting state into the X-Sandbox sandbox, and reset goes back to it", async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'qa', seed: 'empty' } });
    const loaded = await t.call('POST', '/__sim/scenarios/three-past-due/load', { sandbox: 'qa' });
    expect(loaded.status).toBe(200);
    expect(loaded.body.seed).toEqual({ kind: 'scenario', name: 'three-past-due' });
    await t.call('POST', '/__sim/clock/advance', { sandbox: 'qa', body: { to: '2019-03-03T09:00:00Z' } });
    const summary = await t.call('GET', '/alarm-com/api/billing/summary', { sandbox: 'qa', auth: JANE });
    expect(summary.body.balancePastDueCents).toBe(7998);
    await t.call('POST', '/__sim/reset', { sandbox: 'qa' });
    expect((await t.call('GET', '/__sim/clock', { sandbox: 'qa' })).body.now).toBe('2018-12-15T00:00:00.000Z');
  });

  it('creates a sandbox from a scenario', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/__sim/sandboxes', { body: { name: 'from-scn', scenario: 'no-mmr' } });
    expect(res.status).toBe(201);
    const bob = await t.call('GET', '/alarm-com/api/billing/summary', {
      sandbox: 'from-scn',
      auth: basic('bob', 'bob-pass'),
    });
    expect(bob.body.reasons).toEqual([expect.objectContaining({ code: 'no-mmr-recurring-invoice' })]);
  });

  it('runs a scenario and returns its step-by-step report with timings', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/__sim/scenarios/declined-card/run');
    expect(res.status).toBe(200);
    expect(res.body.passed).toBe(true);
    expect(res.body.steps.length).toBeGreaterThan(3);
    expect(res.body.steps.every((s: { durationMs: number }) => typeof s.durationMs === 'number')).toBe(true);
    // What the run exercised, of its own simulator (not of the sandbox that asked).
    expect(res.body.coverage.behaviours).toEqual(expect.arrayContaining(['decline.card_declined', 'method-changed']));
    expect(res.body.coverage.operations).toContain('makePayment 402');
    expect(res.body.coverage.summary.behaviours.covered).toBe(res.body.coverage.behaviours.length);
  });

  it('an unknown scenario is a 404 problem', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/__sim/scenarios/nope/load');
    expect(res.status).toBe(404);
    expect(res.body.type).toBe('https://trax-sim.dev/problems/scenario-not-found');
  });
});

describe('trax-sim serve --scenario', () => {
  it("starts with the scenario's state loaded in the default sandbox", async () => {
    const server = await spawnServe(['--memory', '--quiet', '--scenario', 'first-invoice-pending']);
    const res = await fetch(`${server.url}/alarm-com/api/billing/summary`, {
      headers: { authorization: basic('zoe', 'zoe-pass') },
    });
    expect(res.status).toBe(200);
    expect((await res.json()).balanceDueCents).toBe(0);
    await server.stop();
  });
});

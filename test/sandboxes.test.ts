import type { SandboxState } from '../src/domain/types.ts';
import { describe, expect, it } from 'vitest';
import { testApp } from './support/test-app.ts';
import { dealerApi, flat } from './support/securitytrax.ts';

const customer = (n: number) => ({
  type: 'customers',
  attributes: { fname: `Test${n}`, lname: 'User', email: `t${n}@example.com` },
});

describe('sandboxes', () => {
  it("two sandboxes used at once do not see each other's data", async () => {
    const t = await testApp();
    expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'alpha', seed: 'empty' } })).status).toBe(201);
    expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'beta', seed: 'empty' } })).status).toBe(201);
    // An empty sandbox has no dealer user until one is set.
    for (const sandbox of ['alpha', 'beta']) {
      expect(
        (await t.call('PUT', '/__sim/dealer', { sandbox, body: { username: 'dealer', password: 'dealer-pass' } }))
          .status,
      ).toBe(200);
    }
    const stAlpha = dealerApi(t, { profile: 'alpha' });
    const stBeta = dealerApi(t, { profile: 'beta' });
    await Promise.all([stAlpha.headers(), stBeta.headers()]);
    // Interleaved concurrent writes to both sandboxes.
    await Promise.all(Array.from({ length: 20 }, (_, n) => (n % 2 ? stAlpha : stBeta).post('/customers', customer(n))));
    const alpha: Record<string, any>[] = (await stAlpha.get('/customers')).body.data.map(flat);
    const beta: Record<string, any>[] = (await stBeta.get('/customers')).body.data.map(flat);
    expect(alpha.map((c) => c.fname).sort()).toEqual([
      'Test1',
      'Test11',
      'Test13',
      'Test15',
      'Test17',
      'Test19',
      'Test3',
      'Test5',
      'Test7',
      'Test9',
    ]);
    expect(beta).toHaveLength(10);
    expect(beta.every((c) => Number(c.fname.slice(4)) % 2 === 0)).toBe(true);
    // Each sandbox hands out its own ids and keeps its own clock.
    expect(alpha.map((c) => c.id as number).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    await t.call('POST', '/__sim/clock/advance', { sandbox: 'alpha', body: { by: 'P10D' } });
    expect((await t.call('GET', '/__sim/clock', { sandbox: 'alpha' })).body.now).toBe('2019-01-11T00:00:00.000Z');
    expect((await t.call('GET', '/__sim/clock', { sandbox: 'beta' })).body.now).toBe('2019-01-01T00:00:00.000Z');
  });

  it('a sandbox cloned from another starts with its data and then diverges', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/__sim/sandboxes', { body: { name: 'copy', from: 'default' } });
    expect(res.status).toBe(201);
    expect(res.body.counts).toEqual((await t.call('GET', '/__sim/sandboxes/default')).body.counts);
    await dealerApi(t, { profile: 'copy' }).post('/customers', customer(1));
    expect(t.state('copy').customers.length).toBe(t.state('default').customers.length + 1);
  });

  it('reset restores the seed and delete removes the sandbox', async () => {
    const t = await testApp();
    const before = JSON.parse(JSON.stringify(t.state())) as SandboxState;
    await dealerApi(t).post('/customers', customer(1));
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1M' } });
    const reset = await t.call('POST', '/__sim/reset');
    expect(reset.status).toBe(200);
    // The seed again, in a new incarnation (which ends the tokens issued before).
    expect(t.state()).toEqual({ ...before, incarnation: expect.any(String) });
    expect(t.state().incarnation).not.toBe(before.incarnation);
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'gone', seed: 'empty' } });
    expect((await t.call('DELETE', '/__sim/sandboxes/gone')).status).toBe(204);
    const after = await t.call('GET', '/__sim/clock', { sandbox: 'gone' });
    expect(after.status).toBe(404);
    expect(after.body.type).toBe('https://trax-sim.dev/problems/sandbox-not-found');
  });

  it('creating a sandbox that exists is a 409 problem', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/__sim/sandboxes', { body: { name: 'default' } });
    expect(res.status).toBe(409);
    expect(res.body.type).toBe('https://trax-sim.dev/problems/sandbox-exists');
  });
});

import { describe, expect, it } from 'vitest';
import { testApp, type TestApp } from './support/test-app.ts';
import { dealerApi, JSON_API, stBase } from './support/securitytrax.ts';

const PROBLEM = 'application/problem+json';

async function unchanged(t: TestApp, act: () => Promise<void>): Promise<void> {
  const before = JSON.stringify(t.state());
  await act();
  expect(JSON.stringify(t.state())).toBe(before);
}

describe('bad input gets a 4xx problem and changes nothing', () => {
  it('malformed JSON body: 400 malformed-json (a JSON:API error on the SecurityTrax face)', async () => {
    const t = await testApp();
    const headers = await dealerApi(t).headers();
    await unchanged(t, async () => {
      const res = await t.call('POST', `${stBase()}/customers`, { headers, rawBody: '{"data": {"type": "customers",' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toBe(JSON_API);
      expect(res.body.errors[0].code).toBe('malformed-json');
      expect(res.body.errors[0].detail).toMatch(/not valid JSON/);
    });
  });

  it('wrong type: 422 pointing at the attribute', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    await unchanged(t, async () => {
      const res = await st.post('/customers', {
        type: 'customers',
        attributes: { fname: 42, lname: 'X', email: 'x@example.com' },
      });
      expect(res.status).toBe(422);
      expect(res.body.errors).toContainEqual(
        expect.objectContaining({
          code: 'invalid-value',
          source: { pointer: '/data/attributes/fname' },
          detail: '/data/attributes/fname must be string',
        }),
      );
    });
  });

  it('missing required field: 422 naming the field', async () => {
    const t = await testApp();
    const st = dealerApi(t);
    await unchanged(t, async () => {
      const res = await st.post('/customers', { type: 'customers', attributes: { fname: 'Ann', lname: 'X' } });
      expect(res.status).toBe(422);
      // JSON:API: a pointer must point at a member the request has, so it names the object email is missing from.
      expect(res.body.errors).toContainEqual(
        expect.objectContaining({
          code: 'required',
          detail: 'email is required in /data/attributes',
          source: { pointer: '/data/attributes' },
        }),
      );
    });
  });

  it('unknown sandbox: 404 sandbox-not-found', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const res = await t.call('POST', '/__sim/reset', { sandbox: 'nope' });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.type).toBe('https://trax-sim.dev/problems/sandbox-not-found');
      expect(res.body.detail).toContain('"nope"');
      const st = await t.call('GET', `${stBase('nope')}/customers`, {
        headers: { 'x-securitytrax-integratorkey': 'TraxSim-Demo-Integrator-Key' },
      });
      expect(st.status).toBe(404);
      expect(st.body.errors[0]).toMatchObject({ status: '404', code: 'sandbox-not-found' });
    });
    expect(await t.store.names()).toEqual(['default']);
  });

  it('a sandbox name that could escape the data folder: 400 invalid-sandbox-name', async () => {
    const t = await testApp();
    for (const name of ['../etc', 'a/b', '.hidden', 'UPPER', '']) {
      const res = await t.call('GET', '/__sim/clock', { headers: { 'x-sandbox': name } });
      if (name === '') continue; // an empty header is the same as none
      expect(res.status, name).toBe(400);
      expect(res.body.type).toBe('https://trax-sim.dev/problems/invalid-sandbox-name');
    }
    const res = await t.call('POST', '/__sim/sandboxes', { body: { name: '../../evil' } });
    expect([400, 422]).toContain(res.status);
    expect(await t.store.names()).toEqual(['default']);
  });

  it('unknown route: 404 problem, no stack trace', async () => {
    const t = await testApp();
    const res = await t.call('GET', '/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toContain(PROBLEM);
    expect(res.body.type).toBe('https://trax-sim.dev/problems/route-not-found');
    expect(JSON.stringify(res.body)).not.toMatch(/at .*\.ts:\d+/);
  });

  it('missing or wrong credentials: 401 with a Basic challenge', async () => {
    const t = await testApp();
    const none = await t.call('GET', '/alarm-com/api/billing/summary');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await t.call('GET', '/alarm-com/api/billing/summary', {
      auth: `Basic ${Buffer.from('jane:nope').toString('base64')}`,
    });
    expect(wrong.status).toBe(401);
  });
});

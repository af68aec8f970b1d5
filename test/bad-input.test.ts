import { describe, expect, it } from 'vitest';
import { DEALER, testApp, type TestApp } from './support/test-app.ts';

const PROBLEM = 'application/problem+json';

async function unchanged(t: TestApp, act: () => Promise<void>): Promise<void> {
  const before = JSON.stringify(t.state());
  await act();
  expect(JSON.stringify(t.state())).toBe(before);
}

describe('bad input gets a 4xx problem and changes nothing', () => {
  it('malformed JSON body: 400 malformed-json', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const res = await t.call('POST', '/securitytrax/v1/customers', { auth: DEALER, rawBody: '{"firstName": "Ann",' });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.type).toBe('https://trax-sim.dev/problems/malformed-json');
      expect(res.body.detail).toMatch(/not valid JSON/);
    });
  });

  it('wrong type: 422 naming the path', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const res = await t.call('POST', '/securitytrax/v1/customers', { auth: DEALER, body: { firstName: 42, lastName: 'X', email: 'x@example.com' } });
      expect(res.status).toBe(422);
      expect(res.body.type).toBe('https://trax-sim.dev/problems/validation-failed');
      expect(res.body.errors).toContainEqual({ path: '/body/firstName', message: 'must be string' });
    });
  });

  it('missing required field: 422 naming the field', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const res = await t.call('POST', '/securitytrax/v1/customers', { auth: DEALER, body: { firstName: 'Ann', lastName: 'X' } });
      expect(res.status).toBe(422);
      expect(res.body.errors).toContainEqual({ path: '/body/email', message: 'is required' });
    });
  });

  it('unknown sandbox: 404 sandbox-not-found', async () => {
    const t = await testApp();
    await unchanged(t, async () => {
      const res = await t.call('POST', '/securitytrax/v1/customers', { auth: DEALER, sandbox: 'nope', body: { firstName: 'A', lastName: 'B', email: 'a@example.com' } });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain(PROBLEM);
      expect(res.body.type).toBe('https://trax-sim.dev/problems/sandbox-not-found');
      expect(res.body.detail).toContain('"nope"');
    });
    expect(t.store.names()).toEqual(['default']);
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
    expect(t.store.names()).toEqual(['default']);
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
    const none = await t.call('GET', '/securitytrax/v1/customers');
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Basic/);
    const wrong = await t.call('GET', '/securitytrax/v1/customers', { auth: `Basic ${Buffer.from('dealer:nope').toString('base64')}` });
    expect(wrong.status).toBe(401);
  });
});

// DNS rebinding (Host), the admin token on /__sim and the console, empty sandboxes.
import { request } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/server.ts';
import { basic, JANE, testApp } from '../support/test-app.ts';
import { ST_KEY, stBase } from '../support/securitytrax.ts';

const TOKEN = 'test-admin-token-1234';

/** A raw request with the Host header of our choosing (fetch does not let a client set Host). */
function rawGet(port: number, path: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', headers: { host } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

let server: RunningServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('Host check (DNS-rebinding guard) on a listening server', () => {
  it('answers localhost, 127.0.0.1, [::1] and --allowed-hosts names; any other Host is 403 host-not-allowed', async () => {
    server = await startServer({ port: 0, dataDir: null, allowedHosts: ['sim.internal'] });
    const { port } = server;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, `sim.internal:${port}`]) {
      expect((await rawGet(port, '/__sim/health', host)).status, host).toBe(200);
    }
    const rebound = await rawGet(port, '/__sim/sandboxes', `evil.example:${port}`);
    expect(rebound.status).toBe(403);
    expect(JSON.parse(rebound.body)).toMatchObject({ type: 'https://trax-sim.dev/problems/host-not-allowed' });
  });

  it('in-process transports keep any base URL (app.request, MSW with http://trax-sim.local)', async () => {
    const t = await testApp();
    const res = await t.app.request('http://trax-sim.local/__sim/health');
    expect(res.status).toBe(200);
  });
});

describe('admin token', () => {
  it('with a token, PATCH /__sim/logins/1 {"password":"x"} without it is 401 and changes nothing; with it, it passes', async () => {
    const t = await testApp({ adminToken: TOKEN });
    const takeover = await t.call('PATCH', '/__sim/logins/1', { body: { password: 'x' } });
    expect(takeover.status).toBe(401);
    expect(takeover.body).toMatchObject({ type: 'https://trax-sim.dev/problems/admin-token-required' });
    expect((await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE })).status).toBe(200);
    expect(
      (
        await t.call('PATCH', '/__sim/logins/1', {
          body: { password: 'x' },
          headers: { 'x-admin-token': 'wrong-token-xxxx' },
        })
      ).status,
    ).toBe(401);
    expect(
      (
        await t.call('PATCH', '/__sim/logins/1', {
          body: { password: 'x' },
          headers: { authorization: `Bearer ${TOKEN}` },
        })
      ).status,
    ).toBe(200);
    expect((await t.call('GET', '/__sim/clock', { headers: { 'x-admin-token': TOKEN } })).status).toBe(200);
    // Health stays open (liveness probes); the API faces keep their own auth.
    expect((await t.call('GET', '/__sim/health')).status).toBe(200);
    expect((await t.call('GET', '/alarm-com/api/billing/summary', { auth: basic('jane', 'x') })).status).toBe(200);
  });

  it('the console needs it too: /?token=T sets an HttpOnly SameSite=Strict cookie once, then pages and form posts work', async () => {
    const t = await testApp({ adminToken: TOKEN });
    expect((await t.app.request('/')).status).toBe(401);
    const visit = await t.app.request(`/billing?sandbox=default&token=${TOKEN}`);
    expect(visit.status).toBe(303);
    expect(visit.headers.get('location')).toBe('/billing?sandbox=default');
    const cookie = visit.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = cookie.split(';')[0]!;
    expect((await t.app.request('/', { headers: { cookie: jar } })).status).toBe(200);
    expect((await t.app.request('/?token=wrong')).status).toBe(401);
  });

  it('bound beyond loopback without a token, the server generates one and says so loudly', async () => {
    const warnings: string[] = [];
    server = await startServer({ port: 0, host: '0.0.0.0', dataDir: null, warn: (t) => warnings.push(t) });
    expect(server.adminToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    expect(warnings.join('\n')).toContain(server.adminToken!);
    expect(warnings.join('\n').split('\n').length).toBeGreaterThan(3);
    const base = `http://127.0.0.1:${server.port}`;
    expect((await fetch(`${base}/__sim/sandboxes`)).status).toBe(401);
    expect(
      (await fetch(`${base}/__sim/sandboxes`, { headers: { authorization: `Bearer ${server.adminToken}` } })).status,
    ).toBe(200);
  });

  it('on loopback without a token, /__sim stays open (the default for local use)', async () => {
    server = await startServer({ port: 0, dataDir: null, warn: () => {} });
    expect(server.adminToken).toBeUndefined();
    expect((await fetch(`${server.url}/__sim/sandboxes`)).status).toBe(200);
  });
});

describe('empty sandboxes have no demo credentials', () => {
  it('the dealer API refuses the demo password in an empty sandbox until PUT /__sim/dealer sets a dealer user', async () => {
    const t = await testApp();
    expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'bare', seed: 'empty' } })).status).toBe(201);
    const signIn = (profile: string, username: string, password: string) =>
      t.call('POST', `${stBase(profile)}/authenticate`, {
        body: { username, password },
        headers: { 'x-securitytrax-integratorkey': ST_KEY },
      });
    expect((await signIn('bare', 'dealer', 'dealer-pass')).status).toBe(401);
    const set = await t.call('PUT', '/__sim/dealer', {
      sandbox: 'bare',
      body: { username: 'own-dealer', password: 'own-pass' },
    });
    expect(set.status).toBe(200);
    expect(set.body).toEqual({ username: 'own-dealer' });
    expect((await signIn('bare', 'dealer', 'dealer-pass')).status).toBe(401);
    expect((await signIn('bare', 'own-dealer', 'own-pass')).status).toBe(200);
    expect(t.timeline('bare').at(-1)).toMatchObject({
      type: 'dealer.credentials.updated',
      data: { username: 'own-dealer' },
    });
    // The demo sandbox keeps its documented dealer.
    expect((await signIn('default', 'dealer', 'dealer-pass')).status).toBe(200);
  });
});

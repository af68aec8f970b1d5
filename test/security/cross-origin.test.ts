// Cross-origin: only the user's own page can drive the simulator (cross-origin writes, CORS).
import { describe, expect, it } from 'vitest';
import { testApp } from '../support/test-app.ts';
import { dealerApi, stBase } from '../support/securitytrax.ts';

const EVIL = 'https://evil.example';
const APP = 'https://app.example:5173';

describe('cross-origin writes are refused unless CORS grants the origin', () => {
  it('a cross-site form POST to /__sim/reset is 403 cross-origin-refused and resets nothing', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1D' } });
    const before = t.state().now;
    // An HTML form without fields: an empty body, which the route would otherwise accept.
    const res = await t.call('POST', '/__sim/reset', {
      rawBody: '',
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body).toMatchObject({ type: 'https://trax-sim.dev/problems/cross-origin-refused', status: 403 });
    expect(t.state().now).toBe(before);
  });

  it('a cross-site form POST to load a scenario is refused and the sandbox keeps its seed', async () => {
    const t = await testApp();
    const res = await t.call('POST', '/__sim/scenarios/no-mmr/load', {
      rawBody: '',
      headers: { origin: EVIL, 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(403);
    expect(t.state().seed).toEqual({ kind: 'demo' });
  });

  it("Sec-Fetch-Site cross-site is refused even without Origin; the console's form posts are guarded too", async () => {
    const t = await testApp();
    const bySite = await t.call('POST', '/__sim/reset', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(bySite.status).toBe(403);
    const isp = t.state().isps.find((i) => i.id === 1)!;
    const form = await t.call('POST', '/dealer/isps/1', {
      rawBody: 'billingIntegration=',
      headers: { origin: EVIL, 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(form.status).toBe(403);
    expect(t.state().isps.find((i) => i.id === 1)).toEqual(isp);
  });

  it('requests without Origin (curl, server-side clients, MSW in-process) and same-origin pages pass', async () => {
    const t = await testApp();
    expect((await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1D' } })).status).toBe(200);
    const same = await t.call('POST', '/__sim/clock/advance', {
      body: { by: 'P1D' },
      headers: { origin: 'http://localhost', 'sec-fetch-site': 'same-origin' },
    });
    expect(same.status).toBe(200);
    // A cross-origin read is the browser's business (no CORS grant, the page cannot read it): not refused here.
    expect((await t.call('GET', '/__sim/clock', { headers: { origin: EVIL } })).status).toBe(200);
  });

  it('an API write from a granted origin passes and carries Access-Control-Allow-Origin; /__sim needs its own grant', async () => {
    const t = await testApp({ cors: { origins: [APP] } });
    const st = dealerApi(t);
    const customer = (fname: string) => ({
      type: 'customers',
      attributes: { fname, lname: 'Client', email: `${fname.toLowerCase()}@example.com` },
    });
    const created = await st.post('/customers', customer('Cors'), { origin: APP });
    expect(created.status).toBe(201);
    expect(created.headers.get('access-control-allow-origin')).toBe(APP);
    expect(created.headers.get('access-control-allow-credentials')).toBeNull();
    expect((await st.post('/customers', customer('Evil'), { origin: EVIL })).status).toBe(403);
    expect((await t.call('POST', '/__sim/reset', { headers: { origin: APP } })).status).toBe(403);
    const control = await testApp({ cors: { origins: [APP], control: true } });
    const reset = await control.call('POST', '/__sim/reset', { headers: { origin: APP } });
    expect(reset.status).toBe(200);
    expect(reset.headers.get('access-control-allow-origin')).toBe(APP);
  });
});

describe('CORS preflight', () => {
  const preflight = (headers: Record<string, string> = {}) => ({
    headers: {
      origin: APP,
      'access-control-request-method': 'POST',
      'access-control-request-headers':
        'authorization,content-type,x-sandbox,idempotency-key,x-securitytrax-integratorkey',
      ...headers,
    },
  });

  it('a granted origin gets 204 with the methods, the headers (auth, sandbox, idempotency, SecurityTrax key) and Max-Age', async () => {
    const t = await testApp({ cors: { origins: [APP] } });
    const res = await t.call('OPTIONS', '/alarm-com/api/billing/payments', preflight());
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(APP);
    expect(res.headers.get('access-control-allow-methods')?.split(',')).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PATCH', 'PUT', 'DELETE']),
    );
    const allowed = res.headers.get('access-control-allow-headers')!.toLowerCase().split(',');
    expect(allowed).toEqual(
      expect.arrayContaining([
        'authorization',
        'content-type',
        'x-sandbox',
        'idempotency-key',
        'x-securitytrax-integratorkey',
      ]),
    );
    expect(Number(res.headers.get('access-control-max-age'))).toBeGreaterThan(0);
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('`*` grants any origin on the API faces, never credentials, never /__sim', async () => {
    const t = await testApp({ cors: { origins: ['*'] } });
    const res = await t.call('OPTIONS', `${stBase()}/customers`, preflight({ origin: EVIL }));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(
      (await t.call('OPTIONS', '/__sim/reset', preflight({ origin: EVIL }))).headers.get('access-control-allow-origin'),
    ).toBeNull();
  });

  it('without --cors, or for an origin not granted, or for /__sim without its grant, a preflight gets no grant', async () => {
    const none = await testApp();
    expect(
      (await none.call('OPTIONS', `${stBase()}/customers`, preflight())).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const t = await testApp({ cors: { origins: [APP] } });
    expect(
      (await t.call('OPTIONS', `${stBase()}/customers`, preflight({ origin: EVIL }))).headers.get(
        'access-control-allow-origin',
      ),
    ).toBeNull();
    expect(
      (await t.call('OPTIONS', '/__sim/reset', preflight())).headers.get('access-control-allow-origin'),
    ).toBeNull();
    const control = await testApp({ cors: { origins: [APP], control: true } });
    expect(
      (await control.call('OPTIONS', '/__sim/reset', preflight())).headers.get('access-control-allow-origin'),
    ).toBe(APP);
  });
});

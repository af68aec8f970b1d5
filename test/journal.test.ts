import { describe, expect, it } from 'vitest';
import type { ResponseViolation } from '../src/http/response-validation.ts';
import { JANE, testApp } from './support/test-app.ts';
import { dealerApi } from './support/securitytrax.ts';
import { soapCall } from './support/soap.ts';

describe('request journal', () => {
  it('records each API request of its sandbox (method, path, status, operation, virtual time), not console pages', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'other', seed: 'empty' } });
    await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    const st = dealerApi(t);
    await st.headers();
    await st.get('/customers/999');
    await t.call('GET', '/');
    await t.call('GET', '/__sim/clock', { sandbox: 'other' });
    const journal = await t.call('GET', '/__sim/journal');
    const entries = journal.body.items.map(
      (e: { method: string; path: string; status: number; operationId: string | null; at: string }) => [
        e.method,
        e.path,
        e.status,
        e.operationId,
        e.at,
      ],
    );
    expect(entries).toEqual([
      ['POST', '/__sim/sandboxes', 201, 'createSandbox', '2019-03-03T09:00:00.000Z'],
      ['GET', '/alarm-com/api/billing/summary', 200, 'getBillingSummary', '2019-03-03T09:00:00.000Z'],
      ['POST', '/securitytrax/default/user/v1/authenticate', 200, 'authenticateDealer', '2019-03-03T09:00:00.000Z'],
      ['GET', '/securitytrax/default/user/v1/customers/999', 404, 'getCustomer', '2019-03-03T09:00:00.000Z'],
    ]);
    const other = await t.call('GET', '/__sim/journal', { sandbox: 'other' });
    expect(other.body.items.map((e: { path: string }) => e.path)).toEqual(['/__sim/clock']);
  });

  it('records the same way with and without strict response validation; in strict mode, the answer sent', async () => {
    const entries = async (strict: boolean) => {
      const seen: ResponseViolation[] = [];
      const t = await testApp({
        strict,
        onViolation: (v) => seen.push(v),
        // The clock answered off-spec: strict mode replaces the answer with a 500 problem.
        extend: (_hono, services) => void (services.sim.clock = () => ({ now: 42 as unknown as string })),
      });
      await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
      const clock = await t.call('GET', '/__sim/clock');
      await t.call('GET', '/__sim/nowhere');
      const journal = (await t.call('GET', '/__sim/journal')).body.items as {
        path: string;
        status: number;
        operationId: string | null;
      }[];
      return {
        clock: clock.status,
        violations: seen.length,
        journal: journal.map((e) => [e.path, e.status, e.operationId]),
      };
    };
    const lenient = await entries(false);
    const strict = await entries(true);
    expect(lenient.clock).toBe(200);
    expect(strict.clock).toBe(500);
    expect(strict.violations).toBe(1);
    expect(lenient.journal).toEqual([
      ['/alarm-com/api/billing/summary', 200, 'getBillingSummary'],
      ['/__sim/clock', 200, 'getClock'],
      ['/__sim/nowhere', 404, null],
    ]);
    expect(strict.journal).toEqual([
      ['/alarm-com/api/billing/summary', 200, 'getBillingSummary'],
      ['/__sim/clock', 500, 'getClock'],
      ['/__sim/nowhere', 404, null],
    ]);
  });
});

describe('request journal: bodies, filters and counts', () => {
  it('keeps each face’s request and answer bodies: JSON parsed, JSON:API with its token masked, SOAP as text', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/logins', { body: { username: 'newbie', password: 'secret-pass', customerId: null } });
    await dealerApi(t).headers();
    await soapCall(t, 'SetSecurityTraxSettings', ['acme-isp', 'isp-pass'], { BillingIntegrationEnabled: 'true' });
    const [login, auth, soap] = (await t.call('GET', '/__sim/journal')).body.items;
    expect(login.face).toBe('Simulator');
    expect(login.request).toEqual({
      contentType: 'application/json',
      text: '{"username":"newbie","password":"***","customerId":null}',
      truncated: false,
      json: { username: 'newbie', password: '***', customerId: null },
    });
    expect(login.response.json).toEqual({ id: 5, username: 'newbie', customerId: null });
    expect(auth.face).toBe('SecurityTrax');
    expect(auth.request.json).toEqual({ username: 'dealer', password: '***' });
    expect(auth.response.contentType).toBe('application/vnd.api+json');
    expect(auth.response.json.data.attributes).toMatchObject({ token: '***', token_type: 'Bearer' });
    expect(soap).toMatchObject({ face: 'AlarmComWebServices', operationId: 'SetSecurityTraxSettings' });
    expect(soap.request.contentType).toMatch(/^text\/xml/);
    expect(soap.request.text).toContain('<Password>***</Password>');
    expect(soap.request.text).toMatch(/BillingIntegrationEnabled>true</);
    expect(soap.request).not.toHaveProperty('json');
    expect(soap.response.text).toMatch(/<SetSecurityTraxSettingsResult>.*<Success>true<\/Success>/s);
  });

  it('an answer past 16 KiB is cut there and marked; a GET without a body has none', async () => {
    const t = await testApp();
    await t.call('GET', '/__sim/openapi.yaml');
    const [spec] = (await t.call('GET', '/__sim/journal')).body.items;
    expect(spec.request).toEqual({ contentType: null, text: null, truncated: false });
    expect(spec.response).toMatchObject({ contentType: 'application/yaml', truncated: true });
    expect(spec.response.text).toHaveLength(16 * 1024);
  });

  it('filters by operation, face, method, status or class, time, text and behaviour; counts the same', async () => {
    const t = await testApp();
    await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    await t.call('GET', '/alarm-com/api/billing/summary');
    await t.call('POST', '/__sim/clock/advance', { body: { by: 'P1D' } });
    await t.call('GET', '/__sim/clock');
    const paths = async (query: string) => {
      const [list, count] = await Promise.all([
        t.call('GET', `/__sim/journal${query}`),
        t.call('GET', `/__sim/journal/count${query}`),
      ]);
      expect(count.body.count, query).toBe(list.body.items.length);
      return list.body.items.map((e: { method: string; path: string; status: number }) => `${e.status} ${e.path}`);
    };
    expect(await paths('?status=4xx')).toEqual(['401 /alarm-com/api/billing/summary']);
    expect(await paths('?status=200&face=AlarmComBilling')).toEqual(['200 /alarm-com/api/billing/summary']);
    expect(await paths('?method=post')).toEqual(['200 /__sim/clock/advance']);
    expect(await paths('?operation=getClock')).toEqual(['200 /__sim/clock']);
    // `at` is when the answer was sent: the advance is after its own move.
    expect(await paths('?since=2019-03-04T00:00:00Z')).toEqual(['200 /__sim/clock/advance', '200 /__sim/clock']);
    expect(await paths('?until=2019-03-03T09:00:00Z')).toEqual([
      '200 /alarm-com/api/billing/summary',
      '401 /alarm-com/api/billing/summary',
    ]);
    expect(await paths('?q=P1D')).toEqual(['200 /__sim/clock/advance']);
    // Jane's summary shows a past-due balance: the billing service marks the behaviour.
    expect(await paths('?behaviour=past-due')).toEqual(['200 /alarm-com/api/billing/summary']);
    const [summary] = (await t.call('GET', '/__sim/journal?behaviour=past-due')).body.items;
    expect(summary.behaviours).toContain('past-due');
    const [entry] = (await t.call('GET', '/__sim/journal?operation=getClock')).body.items;
    expect(entry.behaviours).toEqual([]);
  });

  it('refuses bad filters with a problem naming the parameter', async () => {
    const t = await testApp();
    for (const [query, path] of [
      ['status=600', '/query/status'],
      ['status=abc', '/query/status'],
      ['face=Console', '/query/face'],
      ['method=G3T', '/query/method'],
      ['since=yesterday', '/query/since'],
      ['q=', '/query/q'],
      [`q=${'x'.repeat(201)}`, '/query/q'],
      ['since=2019-03-02T00:00:00Z&until=2019-03-01T00:00:00Z', '/query/until'],
    ]) {
      for (const endpoint of ['/__sim/journal', '/__sim/journal/count']) {
        const res = await t.call('GET', `${endpoint}?${query}`);
        expect(res.status, query).toBe(422);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
        expect(
          res.body.errors.map((e: { path: string }) => e.path),
          query,
        ).toContain(path);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import type { ResponseViolation } from '../src/http/response-validation.ts';
import { JANE, testApp } from './support/test-app.ts';
import { dealerApi } from './support/securitytrax.ts';

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

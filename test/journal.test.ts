import { describe, expect, it } from 'vitest';
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
    const entries = journal.body.items.map((e: { method: string; path: string; status: number; operationId: string | null; at: string }) => [e.method, e.path, e.status, e.operationId, e.at]);
    expect(entries).toEqual([
      ['POST', '/__sim/sandboxes', 201, 'createSandbox', '2019-03-03T09:00:00.000Z'],
      ['GET', '/alarm-com/api/billing/summary', 200, 'getBillingSummary', '2019-03-03T09:00:00.000Z'],
      ['POST', '/securitytrax/default/user/v1/authenticate', 200, 'authenticateDealer', '2019-03-03T09:00:00.000Z'],
      ['GET', '/securitytrax/default/user/v1/customers/999', 404, 'getCustomer', '2019-03-03T09:00:00.000Z'],
    ]);
    const other = await t.call('GET', '/__sim/journal', { sandbox: 'other' });
    expect(other.body.items.map((e: { path: string }) => e.path)).toEqual(['/__sim/clock']);
  });
});

import { describe, expect, it } from 'vitest';
import { DEALER, JANE, testApp } from './support/test-app.ts';

describe('request journal', () => {
  it('records each API request of its sandbox (method, path, status, operation, virtual time), not console pages', async () => {
    const t = await testApp();
    await t.call('POST', '/__sim/sandboxes', { body: { name: 'other', seed: 'empty' } });
    await t.call('GET', '/alarm-com/api/billing/summary', { auth: JANE });
    await t.call('GET', '/securitytrax/v1/customers/999', { auth: DEALER });
    await t.call('GET', '/');
    await t.call('GET', '/__sim/clock', { sandbox: 'other' });
    const journal = await t.call('GET', '/__sim/journal');
    const entries = journal.body.items.map((e: { method: string; path: string; status: number; operationId: string | null; at: string }) => [e.method, e.path, e.status, e.operationId, e.at]);
    expect(entries).toEqual([
      ['POST', '/__sim/sandboxes', 201, 'createSandbox', '2019-03-03T09:00:00.000Z'],
      ['GET', '/alarm-com/api/billing/summary', 200, 'getBillingSummary', '2019-03-03T09:00:00.000Z'],
      ['GET', '/securitytrax/v1/customers/999', 404, 'getCustomer', '2019-03-03T09:00:00.000Z'],
    ]);
    const other = await t.call('GET', '/__sim/journal', { sandbox: 'other' });
    expect(other.body.items.map((e: { path: string }) => e.path)).toEqual(['/__sim/clock']);
  });
});

// End-user payment amounts, through the Alarm.com end-user Billing API: a payment amount has a maximum, and
// numbers JSON cannot carry exactly are refused up front; nothing changes.
import { describe, expect, it } from 'vitest';
import { MAX_AMOUNT_CENTS } from '../src/domain/money.ts';
import { JANE, testApp } from './support/test-app.ts';

describe('end-user payment amounts', () => {
  it('past the maximum, 2^53+1 and 1e308: 422 naming /body/amountCents, nothing changes', async () => {
    const t = await testApp();
    const before = JSON.stringify(t.state());
    for (const raw of [String(MAX_AMOUNT_CENTS + 1), '9007199254740993', '1e308']) {
      const res = await t.call('POST', '/alarm-com/api/billing/payments', {
        auth: JANE,
        rawBody: `{"amountCents":${raw},"billingMethodId":1}`,
      });
      expect(res.status, raw).toBe(422);
      expect(res.body.errors, raw).toContainEqual({
        path: '/body/amountCents',
        message: `must be <= ${MAX_AMOUNT_CENTS}`,
      });
    }
    expect(JSON.stringify(t.state())).toBe(before);
  });

  it('amountCents is a JSON integer: 1e2 and 100.0 are the number 100 (exact); a fraction is a 422', async () => {
    const t = await testApp();
    for (const raw of ['100', '1e2', '100.0', '1E2']) {
      const res = await t.call('POST', '/alarm-com/api/billing/payments', {
        auth: JANE,
        rawBody: `{"amountCents":${raw},"billingMethodId":1}`,
      });
      expect(res.status, raw).toBe(402); // jane's card always declines: the attempt is recorded
      expect(t.state().payments.at(-1)!.amountCents, raw).toBe(100);
    }
    const before = JSON.stringify(t.state());
    for (const raw of ['100.5', '1.55e1', '0.01']) {
      const res = await t.call('POST', '/alarm-com/api/billing/payments', {
        auth: JANE,
        rawBody: `{"amountCents":${raw},"billingMethodId":1}`,
      });
      expect(res.status, raw).toBe(422);
      expect(res.body.errors, raw).toContainEqual({ path: '/body/amountCents', message: 'must be integer' });
    }
    expect(JSON.stringify(t.state())).toBe(before);
  });

  it('payment options never offer more than one payment may carry', async () => {
    const t = await testApp();
    const res = await t.call('GET', '/alarm-com/api/billing/payment-options', { auth: JANE });
    expect(res.status).toBe(200);
    expect(res.body.custom.maxCents).toBeLessThanOrEqual(MAX_AMOUNT_CENTS);
  });
});

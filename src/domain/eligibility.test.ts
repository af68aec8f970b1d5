import { describe, expect, it } from 'vitest';
import { billingEligibility, requireConfigured } from './eligibility.ts';
import {
  domainError,
  makeConfiguredState,
  makeCustomer,
  makeIsp,
  makeLogin,
  makeRecurring,
  NOW,
} from '../../test/support/domain-fixtures.ts';
import { plainReader } from './reader.ts';

const codes = (e: ReturnType<typeof billingEligibility>) => (e.configured ? [] : e.reasons.map((r) => r.code));
const enabledAt = (at: string) => makeIsp({ billingIntegrationEnabledAt: at, roleCacheRefreshedAt: null });

describe('billingEligibility', () => {
  it('a linked login whose account has an enabled ISP and an MMR recurring invoice is configured', () => {
    const e = billingEligibility(makeConfiguredState(), plainReader, 1, NOW);
    expect(e.configured).toBe(true);
    if (e.configured) expect([e.login.id, e.customer.id, e.isp.id, e.recurringInvoice.id]).toEqual([1, 1, 1, 1]);
  });

  it('Billing Not Configured when the Alarm.com login is not linked to a SecurityTrax account', () => {
    expect(
      codes(
        billingEligibility(makeConfiguredState({ logins: [makeLogin({ customerId: null })] }), plainReader, 1, NOW),
      ),
    ).toEqual(['login-not-linked']);
    // Linked to an account that no longer exists: same thing, and nothing else can be evaluated.
    expect(codes(billingEligibility(makeConfiguredState({ customers: [] }), plainReader, 1, NOW))).toEqual([
      'login-not-linked',
    ]);
  });

  it('Billing Not Configured when the account has no ISP with the Billing Integration enabled', () => {
    const noIsp = makeConfiguredState({ customers: [makeCustomer({ ispId: null })] });
    const missingIsp = makeConfiguredState({ isps: [] });
    const disabled = makeConfiguredState({ isps: [makeIsp({ billingIntegration: false })] });
    for (const s of [noIsp, missingIsp, disabled])
      expect(codes(billingEligibility(s, plainReader, 1, NOW))).toEqual(['integration-not-enabled']);
  });

  it('Billing Not Configured when the account has no recurring invoice with the MMR line item', () => {
    const s = makeConfiguredState({
      recurringInvoices: [
        makeRecurring({ lines: [{ lineItemId: 4, description: 'Service', amountCents: 100, occurrences: null }] }),
      ],
    });
    expect(codes(billingEligibility(s, plainReader, 1, NOW))).toEqual(['no-mmr-recurring-invoice']);
  });

  it('every failing condition is reported', () => {
    const s = makeConfiguredState({ isps: [makeIsp({ billingIntegration: false })], recurringInvoices: [] });
    expect(codes(billingEligibility(s, plainReader, 1, NOW))).toEqual([
      'integration-not-enabled',
      'no-mmr-recurring-invoice',
    ]);
  });

  it('the Billing screen may take up to an hour to appear after enabling (Alarm.com caches roles)', () => {
    const s = makeConfiguredState({ isps: [enabledAt('2019-03-02T23:30:00.000Z')] });
    expect(codes(billingEligibility(s, plainReader, 1, NOW))).toEqual(['role-cache-pending']);
    expect(billingEligibility(s, plainReader, 1, '2019-03-03T00:29:59.999Z').configured).toBe(false);
    expect(billingEligibility(s, plainReader, 1, '2019-03-03T00:30:00.000Z').configured).toBe(true);
  });

  it('with roleCacheMinutes 0 the Billing screen appears at once', () => {
    const s = makeConfiguredState({ isps: [enabledAt(NOW)], settings: { roleCacheMinutes: 0, adcTimeoutMs: 2000 } });
    expect(billingEligibility(s, plainReader, 1, NOW).configured).toBe(true);
  });

  it('a role-cache refresh after the latest enablement ends the wait', () => {
    const s = makeConfiguredState({
      isps: [makeIsp({ billingIntegrationEnabledAt: '2019-03-02T23:30:00.000Z', roleCacheRefreshedAt: NOW })],
    });
    expect(billingEligibility(s, plainReader, 1, NOW).configured).toBe(true);
  });

  it('an unknown login is not found', () => {
    const err = domainError(() => billingEligibility(makeConfiguredState(), plainReader, 9, NOW));
    expect([err.kind, err.message]).toEqual(['not_found', 'Login 9 does not exist.']);
  });

  it('each reason says what to fix', () => {
    const messages = (s: ReturnType<typeof makeConfiguredState>, now = NOW) => {
      const e = billingEligibility(s, plainReader, 1, now);
      return e.configured ? [] : e.reasons.map((r) => r.message);
    };
    expect(messages(makeConfiguredState({ logins: [makeLogin({ customerId: null })] }))).toEqual([
      'This Alarm.com login is not linked to a SecurityTrax account.',
    ]);
    expect(messages(makeConfiguredState({ isps: [makeIsp({ billingIntegration: false })] }))).toEqual([
      'Interactive Services Provider 1 does not have the Billing Integration enabled.',
    ]);
    expect(messages(makeConfiguredState({ customers: [makeCustomer({ ispId: null })] }))).toEqual([
      'The SecurityTrax account is not configured with an Alarm.com Interactive Services Provider.',
    ]);
    expect(messages(makeConfiguredState({ isps: [enabledAt('2019-03-02T23:30:00.000Z')] }))).toEqual([
      'Alarm.com is still caching roles; the Billing screen becomes available at 2019-03-03T00:30:00.000Z.',
    ]);
  });
});

describe('requireConfigured', () => {
  it('answers 409 billing-not-configured with the reasons', () => {
    const s = makeConfiguredState({ recurringInvoices: [] });
    const err = domainError(() => requireConfigured(s, plainReader, 1, NOW));
    expect([err.kind, err.code, err.title]).toEqual(['conflict', 'billing-not-configured', 'Billing Not Configured']);
    expect(err.extensions.reasons).toEqual([{ code: 'no-mmr-recurring-invoice', message: expect.any(String) }]);
    expect(err.message).toContain('MMR');
    const two = domainError(() =>
      requireConfigured(
        makeConfiguredState({ isps: [makeIsp({ billingIntegration: false })], recurringInvoices: [] }),
        plainReader,
        1,
        NOW,
      ),
    );
    expect(two.message).toBe(
      'Billing Not Configured: Interactive Services Provider 1 does not have the Billing Integration enabled. The SecurityTrax account has no Recurring Invoice with the MMR (ID 3) Invoice Line Item.',
    );
  });

  it('returns the configured account when every precondition holds', () => {
    expect(requireConfigured(makeConfiguredState(), plainReader, 1, NOW).recurringInvoice.id).toBe(1);
  });
});

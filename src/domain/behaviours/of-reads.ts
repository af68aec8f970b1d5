// Which behaviours a read of the Billing screen, or a refusal, exercised. Observation only: the rules are
// decided in their own files (selection, balances, payment options, eligibility); this names what was seen.
import type { BillingSummary } from '../balances.ts';
import type { ConfiguredBilling } from '../eligibility.ts';
import { paymentOptions } from '../payment-options.ts';
import type { Reader } from '../reader.ts';
import { hasMmr } from '../select-recurring-invoice.ts';
import type { SandboxState } from '../types.ts';

/** The customer's other recurring invoices that the selection passed over, and why. */
export function behavioursOfSelection(
  state: Readonly<SandboxState>,
  read: Reader,
  billing: ConfiguredBilling,
): string[] {
  const all = read.where(state.recurringInvoices, 'byCustomer', billing.customer.id);
  if (all.length < 2) return [];
  const marks: string[] = [];
  if (all.some((r) => !hasMmr(r))) marks.push('mmr-only');
  if (all.filter(hasMmr).length > 1) marks.push('most-recent-sale-date');
  return marks;
}

export function behavioursOfSummary(summary: BillingSummary, billing: ConfiguredBilling): string[] {
  if (billing.recurringInvoice.invoicesCreated === 0) return ['no-balance-before-first-invoice'];
  if (summary.balancePastDueCents > 0) return ['past-due'];
  return summary.balanceDueCents > 0 ? ['balance-due'] : [];
}

/** A one-time payment's amount: one of the Pay window's pre-defined amounts, or the customer's own. */
export const behaviourOfAmount = (summary: BillingSummary, amountCents: number): string =>
  paymentOptions(summary).options.some((o) => o.amountCents === amountCents) ? 'predefined-amount' : 'own-amount';

/** A refusal's code (and its members) -> the behaviours it shows, beside the face's own refusal. */
const BY_CODE: Record<string, string> = {
  'autopay-cannot-be-disabled': 'autopay-never-off',
  'billing-method-cannot-be-removed': 'method-never-removed',
  'card-expired': 'card-expired',
  'securitytrax-role-missing': 'role-refused',
  'alarm-com-unavailable': 'fault.alarm-com-down',
  'alarm-com-timeout': 'fault.alarm-com-slow',
  'idempotency-key-reused': 'retry.key-reused',
  'token-expired': 'token.expired',
  'token-unknown': 'token.ended',
};

export function behavioursOfRefusal(code: string, extensions: Readonly<Record<string, unknown>> | undefined): string[] {
  if (code === 'billing-not-configured') {
    const reasons = (extensions?.reasons ?? []) as { code: string }[];
    return reasons.map((r) => `billing-not-configured.${r.code}`);
  }
  const mark = Object.hasOwn(BY_CODE, code) ? BY_CODE[code] : undefined;
  return mark ? [mark] : [];
}

// The "Pay" window: pre-defined amounts derived from the summary, or a custom amount up to the balance.
import type { BillingSummary } from './balances.ts';
import { MAX_AMOUNT_CENTS } from './money.ts';
import type { Cents } from './types.ts';

type PaymentOptionKind = 'past_due' | 'current_balance' | 'full_balance';
type PaymentOption = { kind: PaymentOptionKind; label: string; amountCents: Cents };
export type PaymentOptions = { options: PaymentOption[]; custom: { minCents: Cents; maxCents: Cents } };

export function paymentOptions(
  summary: Pick<BillingSummary, 'balanceDueCents' | 'balancePastDueCents'>,
): PaymentOptions {
  const { balanceDueCents, balancePastDueCents } = summary;
  const candidates: PaymentOption[] = [
    { kind: 'past_due', label: 'Balance Past Due', amountCents: balancePastDueCents },
    { kind: 'current_balance', label: 'Current Balance', amountCents: balanceDueCents - balancePastDueCents },
    { kind: 'full_balance', label: 'Full Balance', amountCents: balanceDueCents },
  ];
  // Offering to pay $0.00 makes no sense, nor more than one payment may be; a custom amount may be
  // anything from 1 cent to all that is owed, up to the maximum payment.
  return {
    options: candidates.filter((o) => o.amountCents > 0 && o.amountCents <= MAX_AMOUNT_CENTS),
    custom: { minCents: 1, maxCents: Math.min(balanceDueCents, MAX_AMOUNT_CENTS) },
  };
}

import { DomainError } from '../domain/errors.ts';
import type { Payment } from '../domain/types.ts';

const REASONS: Record<string, string> = {
  card_declined: 'The card was declined.',
  insufficient_funds: 'The card was declined for insufficient funds.',
  expired_card: 'The card has expired.',
  bank_account_returned: 'The bank returned the payment.',
  processor_fault: 'The payment processor failed.',
};

/**
 * A declined charge is committed first (it belongs in the payment history), then reported as a 402
 * problem naming the payment and the reason. Balances are unchanged.
 */
export function requireSucceeded(payment: Payment): Payment {
  if (payment.status === 'succeeded') return payment;
  const reason = payment.failureReason ?? 'processor_fault';
  throw new DomainError(
    'payment_declined',
    'payment-declined',
    'Payment declined',
    `${REASONS[reason] ?? reason} No balance was changed.`,
    {
      paymentId: payment.id,
      reason,
    },
  );
}

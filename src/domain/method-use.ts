// Which billing method a command may use. Decided here once for every face and command.
import { isCardExpired } from './card.ts';
import { invalid, notFound } from './errors.ts';
import { byId } from './by-id.ts';
import type { BillingMethod, IsoInstant, SandboxState } from './types.ts';

/** Flagged expired by the clock, or past its card's expiry month and not flagged yet. */
export function isMethodExpired(method: BillingMethod, now: IsoInstant): boolean {
  return method.expired || (method.card !== null && isCardExpired(method.card.expMonth, method.card.expYear, now));
}

/**
 * The customer's own method. Another customer's method id is "not found" for this customer (404),
 * exactly like an id that does not exist: the answer never tells whether someone else has it.
 */
export function requireOwnMethod(
  state: Readonly<SandboxState>,
  customerId: number,
  billingMethodId: number,
): BillingMethod {
  const method = byId(state.billingMethods, billingMethodId);
  if (!method || method.customerId !== customerId) throw notFound('Billing method', billingMethodId);
  return method;
}

/**
 * A method that can become the Auto Pay method: the customer's own and not expired (422 card-expired).
 * Auto Pay with a card known to be expired would only produce declines. A one-time or dealer payment
 * may still use one: the processor declines it and the failed payment is kept in the history.
 */
export function requireAutoPayMethod(
  state: Readonly<SandboxState>,
  customerId: number,
  billingMethodId: number,
  now: IsoInstant,
): BillingMethod {
  const method = requireOwnMethod(state, customerId, billingMethodId);
  if (isMethodExpired(method, now)) {
    throw invalid('card-expired', 'Card expired', `Billing method ${method.id} has expired; update its expiry first.`, [
      { path: '/billingMethodId', message: 'expired' },
    ]);
  }
  return method;
}

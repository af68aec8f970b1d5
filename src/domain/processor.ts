// The simulated payment processor: decides one charge from the stored method, the faults and the
// clock. Pure: it returns the method and faults as they are after the attempt, never mutates them.
import { isMethodExpired } from './method-use.ts';
import type { BillingMethod, DeclineReason, Faults, InstrumentBehavior, IsoInstant } from './types.ts';

type ChargeOutcome = { ok: true } | { ok: false; reason: DeclineReason };
export type ChargeResult = { outcome: ChargeOutcome; method: BillingMethod; faults: Faults };

function byBehavior(behavior: InstrumentBehavior, chargeCount: number): ChargeOutcome {
  switch (behavior.kind) {
    case 'succeed':
      return { ok: true };
    case 'decline':
      return { ok: false, reason: 'card_declined' };
    case 'insufficient_funds':
      return { ok: false, reason: 'insufficient_funds' };
    case 'expired':
      return { ok: false, reason: 'expired_card' };
    case 'succeed_then_decline':
      // chargeCount is the number of earlier attempts: the first `successes` attempts go through.
      return chargeCount < behavior.successes ? { ok: true } : { ok: false, reason: 'card_declined' };
    case 'bank_returned':
      return { ok: false, reason: 'bank_account_returned' };
    case 'processor_fault':
      return { ok: false, reason: 'processor_fault' };
  }
}

/**
 * One charge attempt. Order matters: an expired card fails as expired whatever else is set; the
 * declineNextCharges fault is only consumed by a charge that reaches it; then the instrument decides.
 */
export function charge(method: BillingMethod, faults: Faults, now: IsoInstant): ChargeResult {
  const attempted: BillingMethod = { ...method, chargeCount: method.chargeCount + 1 };
  if (isMethodExpired(method, now)) {
    return { outcome: { ok: false, reason: 'expired_card' }, method: attempted, faults };
  }
  if (faults.declineNextCharges > 0) {
    return {
      outcome: { ok: false, reason: 'card_declined' },
      method: attempted,
      faults: { ...faults, declineNextCharges: faults.declineNextCharges - 1 },
    };
  }
  return { outcome: byBehavior(method.behavior, method.chargeCount), method: attempted, faults };
}

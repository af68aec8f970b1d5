// The behaviours of the billing integration a client's tests should see: one entry per rule of the seed and
// per outcome a client must handle, each with a stable id and a sentence. This list is their one home: the
// coverage report, `trax-sim coverage`, the console's Coverage page and docs/behaviours.md are made from it
// (the refusal codes of each face are added to it by the faces, http/coverage-catalogue.ts).
import type { DeclineReason } from '../types.ts';

type BehaviourGroup = 'rule' | 'billing-not-configured' | 'decline' | 'fault' | 'retry' | 'token' | 'refusal';

export type Behaviour = {
  /** Stable: CI gates name it (`--require`). */
  readonly id: string;
  readonly group: BehaviourGroup;
  /** What happened, in the seed's words. */
  readonly sentence: string;
  /** A bundled scenario that exercises it (test/coverage checks that it does). */
  readonly scenario: string;
};

const rule = (id: string, scenario: string, sentence: string): Behaviour => ({ id, group: 'rule', sentence, scenario });

const RULES: readonly Behaviour[] = [
  rule(
    'mmr-only',
    'most-recent-sale-date-wins',
    'A recurring invoice without the MMR line item (ID 3) is passed over: its invoices are neither shown nor payable.',
  ),
  rule(
    'most-recent-sale-date',
    'most-recent-sale-date-wins',
    'Of several recurring invoices carrying MMR, the one with the most recent sale date is the one shown.',
  ),
  rule(
    'zero-dollar-mmr-other-items',
    'zero-dollar-mmr-equipment',
    'A recurring invoice with a $0.00 MMR line bills its other items through the integration.',
  ),
  rule('zero-dollar-invoice-paid', 'zero-dollar-mmr-equipment', 'A $0.00 invoice is created paid.'),
  rule(
    'no-balance-before-first-invoice',
    'first-invoice-pending',
    'Before the first invoice is created the Billing screen shows no balance and no current invoice.',
  ),
  rule(
    'balance-due',
    'declined-card',
    'A balance is due and nothing is past due: Balance Due shows it, Balance Past Due is $0.00.',
  ),
  rule('past-due', 'three-past-due', 'An invoice still owing after its due date counts in Balance Past Due.'),
  rule(
    'invoice-falls-past-due',
    'three-past-due',
    "The clock passes an unpaid invoice's due date and it becomes past due.",
  ),
  rule('oldest-first', 'three-past-due', 'A one-time payment goes to the oldest invoice with a balance first.'),
  rule('payment-several-invoices', 'three-past-due', 'One payment is spread over several invoices.'),
  rule(
    'predefined-amount',
    'three-past-due',
    'A payment of a pre-defined amount (Balance Past Due, Current Balance or Full Balance).',
  ),
  rule(
    'own-amount',
    'three-past-due',
    'A payment of an amount the customer typed in, other than the pre-defined ones.',
  ),
  rule(
    'new-method-not-autopay',
    'new-card-not-autopay',
    'A new method given with a one-time payment is saved but does not become the Auto Pay method.',
  ),
  rule('method-changed', 'declined-card', 'The customer changes the Auto Pay method to another one.'),
  rule(
    'method-never-removed',
    'first-invoice-pending',
    'Removing the billing method is refused: once specified it can only be changed.',
  ),
  rule(
    'card-kept-as-brand-last4',
    'declined-card',
    'A card is saved as brand and last 4 digits: its number and CVV are never stored or shown.',
  ),
  rule(
    'autopay-on-with-first-method',
    'declined-card',
    'Setting the first billing method on the recurring invoice turns Auto Pay on.',
  ),
  rule(
    'autopay-never-off',
    'first-invoice-pending',
    'Turning Auto Pay off is refused: it stays on while a billing method exists.',
  ),
  rule('autopay-charged', 'declined-card', "Auto Pay charges the billing method on the invoice's due date."),
  rule(
    'autopay-declined',
    'three-past-due',
    'An Auto Pay charge is declined; the invoice stays owing and is not retried.',
  ),
  rule(
    'card-expired',
    'expired-card',
    'A charge to an expired card is refused as card-expired, and the customer updates its expiry.',
  ),
  rule(
    'payment-history',
    'declined-card',
    'The customer reads the payment history: each payment, newest first, failed ones included.',
  ),
  rule('bills', 'three-past-due', "The customer reads the Bills: the selected recurring invoice's invoices only."),
  rule('card-expiry-updated', 'expired-card', "The customer updates an expired card's expiry."),
  rule(
    'dealer-payment',
    'three-past-due',
    'The dealer records a payment in SecurityTrax; the customer sees it in the history.',
  ),
  rule(
    'integration-enabled',
    'role-cache-delay',
    'The dealer enables the Billing Integration with Alarm.com credentials that hold the SecurityTrax Role.',
  ),
  rule(
    'role-refused',
    'role-missing',
    'Enabling the Billing Integration is refused: the Alarm.com credentials lack the SecurityTrax Role.',
  ),
  rule('role-cache-refreshed', 'role-cache-delay', 'Alarm.com refreshes its cached roles and end users see Billing.'),
];

const NOT_CONFIGURED: readonly Behaviour[] = [
  ['login-not-linked', 'billing-not-configured', 'the login is not linked to a SecurityTrax account'],
  ['integration-not-enabled', 'billing-not-configured', 'the ISP does not have the Billing Integration enabled'],
  ['role-cache-pending', 'role-cache-delay', 'Alarm.com has not refreshed its cached roles yet (up to an hour)'],
  ['no-mmr-recurring-invoice', 'no-mmr', 'the customer has no recurring invoice carrying MMR'],
].map(([reason, scenario, why]) => ({
  id: `billing-not-configured.${reason}`,
  group: 'billing-not-configured' as const,
  sentence: `Billing Not Configured: ${why}.`,
  scenario: scenario!,
}));

/** The declines of the test instruments (README, "Test instruments"). */
const DECLINES: Record<DeclineReason, [scenario: string, sentence: string]> = {
  card_declined: ['declined-card', 'A charge is declined (card_declined).'],
  insufficient_funds: ['declines', 'A charge is declined for insufficient funds.'],
  expired_card: ['expired-card', 'A charge to an expired card is declined (expired_card).'],
  bank_account_returned: ['declines', 'A bank account charge is returned.'],
  processor_fault: ['declines', 'The processor fails the charge (processor_fault).'],
};

const OTHERS: readonly Behaviour[] = [
  {
    id: 'fault.alarm-com-down',
    group: 'fault',
    scenario: 'alarm-com-outage',
    sentence: 'The Alarm.com web services are down: enabling the integration fails and nothing changes.',
  },
  {
    id: 'fault.alarm-com-slow',
    group: 'fault',
    scenario: 'alarm-com-outage',
    sentence: 'The Alarm.com web services answer too slowly: the call times out and nothing changes.',
  },
  {
    id: 'retry.replayed',
    group: 'retry',
    scenario: 'retries',
    sentence: 'A retry with the same Idempotency-Key and request gets the first answer; nothing is charged twice.',
  },
  {
    id: 'retry.key-reused',
    group: 'retry',
    scenario: 'retries',
    sentence: 'The same Idempotency-Key with another request is refused (idempotency-key-reused).',
  },
  {
    id: 'token.expired',
    group: 'token',
    scenario: 'retries',
    sentence: 'A SecurityTrax temporary token past its 10 minutes is refused (token-expired).',
  },
  {
    id: 'token.ended',
    group: 'token',
    scenario: 'retries',
    sentence:
      'A SecurityTrax token ended by a reset, a scenario load or new dealer credentials is refused (token-unknown).',
  },
];

/** Every behaviour of the billing integration, by group; the faces' refusals are added in http/. */
export const BEHAVIOURS: readonly Behaviour[] = [
  ...RULES,
  ...NOT_CONFIGURED,
  ...Object.entries(DECLINES).map(([reason, [scenario, sentence]]) => ({
    id: `decline.${reason}`,
    group: 'decline' as const,
    sentence,
    scenario,
  })),
  ...OTHERS,
];

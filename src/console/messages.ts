// What end users read. Problems keep the API's wording for developers (the Details disclosure);
// the page shows product sentences instead of JSON pointers. Wording only: no rule is decided here.
import { formatCents } from '../domain/allocate.ts';
import type { ProblemView } from './context.ts';

/** The range a custom amount may take, when the page knows it (the Pay window does). */
export type AmountRange = { minCents: number; maxCents: number };

/** Form field named by a problem's JSON pointer: "/card/expMonth" -> "expMonth", "/amountCents" -> "dollars". */
function fieldOf(pointer: string): string {
  const last = pointer.split('/').pop() ?? '';
  return last === 'amountCents' || last === 'amount' ? 'dollars' : last;
}

/** The pointer of each "pointer message" field line. */
const pointers = (p: ProblemView): string[] => p.fields.map((f) => f.split(' ')[0] ?? '');

function amountText(range: AmountRange | undefined): string {
  return range && range.maxCents >= range.minCents
    ? `Enter an amount between ${formatCents(range.minCents)} and ${formatCents(range.maxCents)}.`
    : 'Enter an amount in dollars and cents, e.g. 25.50.';
}

const FIELD_TEXT: Record<string, string> = {
  number: 'Enter the card number as printed on the card (12 to 19 digits).',
  expMonth: 'Enter the expiry month as a number from 1 to 12.',
  expYear: 'Enter the expiry year as four digits, e.g. 2031.',
  cvv: 'Enter the 3 or 4 digit security code from the card, or leave it empty.',
  holderName: 'Enter the name only, not a card or account number.',
  bankName: 'Enter the bank name only, not an account number.',
  routingNumber: 'Enter the 9-digit routing number.',
  accountNumber: 'Enter the account number (4 to 17 digits).',
  accountType: 'Choose checking or savings.',
  customerId: 'Choose a customer.',
  loginId: 'Choose a login.',
  saleDate: 'Enter the sale date.',
  startDate: 'Enter the start date.',
  mmrDollars: 'Enter the MMR amount in dollars, e.g. 39.99 (0.00 is allowed).',
  extraDollars: 'Enter the line amount in dollars, e.g. 25.00.',
  lineItemId: 'Choose an invoice line item from the catalogue.',
  billingMethodId: "Choose one of the customer's cards or bank accounts that has not expired.",
};

/** Field name -> the sentence shown under that field. */
export function fieldMessages(p: ProblemView | null, range?: AmountRange): Record<string, string> {
  const out: Record<string, string> = {};
  if (!p) return out;
  for (const pointer of pointers(p)) {
    const field = fieldOf(pointer);
    if (field === 'dollars') out[field] = amountText(range);
    else if (p.code === 'card-expired' && (field === 'expMonth' || field === 'expYear'))
      out.expMonth = 'This card has expired. Enter a later expiry date.';
    else out[field] = (Object.hasOwn(FIELD_TEXT, field) && FIELD_TEXT[field]) || 'Check this field.';
  }
  return out;
}

const SUMMARY: Record<string, string> = {
  'payment-declined': 'No payment was made and your balance is unchanged. Try another card.',
  'nothing-owed': 'There is nothing to pay right now.',
  'card-expired': 'This card has expired. Use a card with a later expiry date.',
  'billing-method-cannot-be-removed': 'A payment method can be changed but not removed.',
  'username-taken': 'That username is already in use.',
};

/** The one-line summary shown above a form or on a page. */
export function userMessage(p: ProblemView, range?: AmountRange): string {
  const fields = fieldMessages(p, range);
  if (p.code === 'payment-declined')
    return `${p.detail.replace(/ No balance was changed\.$/, '')} ${SUMMARY['payment-declined']}`;
  const known = Object.hasOwn(SUMMARY, p.code) ? SUMMARY[p.code] : undefined;
  if (known) return known;
  const sentences = Object.values(fields);
  if (sentences.length) return sentences.join(' ');
  // Details written by the domain are sentences already; a pointer-shaped one is not shown.
  return /^\/|"[^"]*" is not|must be/.test(p.detail) ? 'Check the form and try again.' : p.detail;
}

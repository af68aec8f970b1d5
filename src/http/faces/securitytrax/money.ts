// Amounts on this face are decimal dollars; inside they are integer cents. Converted exactly, through
// src/domain/money.ts, with a reason for every refusal.
import { MAX_AMOUNT_CENTS, centsToDecimal, decimalToCents } from '../../../domain/money.ts';
import { FaceError } from './face-error.ts';

export const toDecimal = centsToDecimal;

function reason(text: string, value: unknown): string {
  if (typeof value === 'number') return 'is a JSON number: send amounts as strings, like "39.99"';
  if (/^\s*-/.test(text)) return 'is negative: amounts are zero or more';
  if (/^\d+\.\d{3,}$/.test(text)) return 'has more than two decimals';
  if (/^\d+(\.\d{1,2})?$/.test(text)) return `is over the maximum of ${centsToDecimal(MAX_AMOUNT_CENTS)}`;
  return 'is not a decimal amount like "39.99"';
}

/**
 * "39.99" -> 3999; anything else is a 422 pointing at `pointer`. A JSON number is refused: parsed, it no longer
 * says how it was written (1e2 and 100.0 are both 100), so the rule for strings could not be applied exactly.
 */
export function toCents(value: unknown, pointer: string): number {
  const cents = typeof value === 'string' ? decimalToCents(value) : null;
  if (cents !== null) return cents;
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : JSON.stringify(value);
  throw new FaceError(
    422,
    'invalid-decimal',
    'Invalid amount',
    `${JSON.stringify(text).slice(0, 60)} ${reason(text, value)}.`,
    { pointer },
  );
}

import type { Cents, InvoiceStatus } from './types.ts';

/**
 * The status an invoice is created with, manual or generated from a recurring invoice: a $0.00
 * invoice (the seed's "$0.00 MMR" technique) has nothing to collect, so it is paid from the start.
 */
export function openingStatus(totalCents: Cents): InvoiceStatus {
  return totalCents === 0 ? 'paid' : 'open';
}

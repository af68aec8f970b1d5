// A payment is applied to the oldest invoice with an outstanding balance first, then the next.
import { DomainError, invalid } from './errors.ts';
import { requireAmountCents } from './money.ts';
import type { Allocation, Cents, Invoice } from './types.ts';

/** "$1,234.56" for problem details. */
export function formatCents(cents: Cents): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  // Grouped by hand: output must not depend on the runtime's locale data.
  const dollars = String(Math.floor(abs / 100)).replace(/\B(?=(\d{3})+$)/g, ',');
  return `${sign}$${dollars}.${String(abs % 100).padStart(2, '0')}`;
}

/** Oldest first (dueDate, then id): the order payments are applied in. */
export function byDueDate(a: Invoice, b: Invoice): number {
  return a.dueDate < b.dueDate ? -1 : a.dueDate > b.dueDate ? 1 : a.id - b.id;
}

/**
 * Splits `amountCents` over `invoices`, oldest first (it sorts them), skipping invoices that owe nothing.
 * Overpaying is refused rather than left as credit: the integration has nowhere to keep a credit.
 */
export function allocateOldestFirst(invoices: readonly Invoice[], amountCents: Cents): Allocation[] {
  requireAmountCents(amountCents, '/amountCents', 1);
  const owedCents = invoices.reduce((s, i) => s + Math.max(0, i.balanceCents), 0);
  if (owedCents === 0) {
    throw new DomainError('conflict', 'nothing-owed', 'Nothing owed', 'There is no outstanding balance to pay.');
  }
  if (amountCents > owedCents) {
    throw invalid(
      'amount-exceeds-balance',
      'Amount exceeds balance',
      `The amount ${formatCents(amountCents)} is more than the balance due of ${formatCents(owedCents)}.`,
      [{ path: '/amountCents', message: `must be at most ${owedCents}` }],
    );
  }
  const allocations: Allocation[] = [];
  let left = amountCents;
  for (const invoice of [...invoices].sort(byDueDate)) {
    if (left === 0) break;
    if (invoice.balanceCents <= 0) continue;
    const applied = Math.min(left, invoice.balanceCents);
    allocations.push({ invoiceId: invoice.id, amountCents: applied });
    left -= applied;
  }
  return allocations;
}

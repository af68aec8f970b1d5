// Whole-state consistency checks, run by tests (and anyone curious) after every command: money is
// conserved between payments and invoices, and no card number ever lands in the state.
import { MAX_AMOUNT_CENTS, isAmountCents } from './money.ts';
import type { EventReader } from './event-page.ts';
import type { SandboxState } from './types.ts';

/** 12+ consecutive digits: long enough to be a card or bank account number, too long for any stored field. */
const LONG_DIGITS = /\d{12,}/;

/** The violations in a state and its timeline (none: an empty list). */
export function checkInvariants(state: Readonly<SandboxState>, events: EventReader): string[] {
  const violations: string[] = [];
  // Every amount is a safe integer within the maximum: NaN, Infinity or 2^53+ would make every sum below lie.
  const amount = (where: string, n: unknown): void => {
    if (!isAmountCents(n))
      violations.push(`${where}: ${String(n)} is not a whole number of cents from 0 to ${MAX_AMOUNT_CENTS}`);
  };
  for (const p of state.payments) {
    amount(`payment ${p.id} amountCents`, p.amountCents);
    for (const [i, a] of p.allocations.entries()) amount(`payment ${p.id} allocations/${i}`, a.amountCents);
  }
  for (const inv of state.invoices) {
    amount(`invoice ${inv.id} totalCents`, inv.totalCents);
    amount(`invoice ${inv.id} balanceCents`, inv.balanceCents);
    for (const [i, l] of inv.lines.entries()) amount(`invoice ${inv.id} lines/${i}`, l.amountCents);
  }
  for (const ri of state.recurringInvoices)
    for (const [i, l] of ri.lines.entries()) amount(`recurring invoice ${ri.id} lines/${i}`, l.amountCents);
  const invoiceIds = new Set(state.invoices.map((i) => i.id));

  const paidByInvoice = new Map<number, number>();
  for (const p of state.payments) {
    const allocated = p.allocations.reduce((s, a) => s + a.amountCents, 0);
    if (p.status === 'succeeded') {
      if (allocated !== p.amountCents)
        violations.push(`payment ${p.id}: allocations sum to ${allocated}, amount is ${p.amountCents}`);
      for (const a of p.allocations) {
        if (!invoiceIds.has(a.invoiceId))
          violations.push(`payment ${p.id}: allocated to missing invoice ${a.invoiceId}`);
        if (a.amountCents <= 0) violations.push(`payment ${p.id}: non-positive allocation to invoice ${a.invoiceId}`);
        paidByInvoice.set(a.invoiceId, (paidByInvoice.get(a.invoiceId) ?? 0) + a.amountCents);
      }
    } else if (p.allocations.length > 0) {
      violations.push(`payment ${p.id}: failed but has ${p.allocations.length} allocation(s)`);
    }
    if (!Number.isInteger(p.amountCents) || p.amountCents <= 0)
      violations.push(`payment ${p.id}: amount ${p.amountCents} is not a positive integer`);
  }

  for (const inv of state.invoices) {
    const linesTotal = inv.lines.reduce((s, l) => s + l.amountCents, 0);
    if (linesTotal !== inv.totalCents)
      violations.push(`invoice ${inv.id}: lines sum to ${linesTotal}, total is ${inv.totalCents}`);
    const expected = inv.totalCents - (paidByInvoice.get(inv.id) ?? 0);
    if (inv.balanceCents !== expected)
      violations.push(`invoice ${inv.id}: balance ${inv.balanceCents}, expected ${expected}`);
    if (inv.balanceCents < 0 || inv.balanceCents > inv.totalCents) {
      violations.push(`invoice ${inv.id}: balance ${inv.balanceCents} outside 0..${inv.totalCents}`);
    }
    // A $0.00 invoice may be left open or marked paid; otherwise paid means exactly nothing owed.
    if (inv.totalCents > 0 && (inv.status === 'paid') !== (inv.balanceCents === 0)) {
      violations.push(`invoice ${inv.id}: status ${inv.status} with balance ${inv.balanceCents}`);
    }
  }

  for (const m of state.billingMethods) {
    if (LONG_DIGITS.test(JSON.stringify(m)))
      violations.push(`billing method ${m.id}: holds a full card or account number`);
  }
  // The journal is state too: billing-method events must not leak the number either.
  for (let i = 0; i < events.length; i++) {
    const e = events.get(i);
    if (e.type.startsWith('billing_method.') && LONG_DIGITS.test(JSON.stringify(e.data))) {
      violations.push(`event ${e.id} (${e.type}): data holds a full card or account number`);
    }
  }
  return violations;
}

import type { Patch } from '../domain/patch.ts';
import type { Allocation, Invoice, InvoiceLine, Payment, SandboxDocument, SimEvent } from '../domain/types.ts';

// Records are never mutated (a change replaces the entity), so equal small values can be one shared copy.
// A big dealer's sandbox repeats a few values hundreds of thousands of times: every invoice of a
// recurring invoice has the same lines (and many customers the same ones), a payment.succeeded event
// carries its payment's allocations, and each day's dates are the same strings. Sharing them takes a
// large part off the memory per invoice; what the records say (and their JSON) is unchanged.

/** An ISO date or instant (what interning is kept to: the map stays as small as the calendar). */
const ISO = /^\d{4}-\d\d-\d\d(T\d\d:\d\d:\d\d(\.\d{3})?Z)?$/;

export type Sharer = {
  /** Shares in a whole document (after loading it, before its timeline is packed). */
  document(doc: SandboxDocument): void;
  /** Shares in a patch's new records before they are applied (the patch's objects are the command's own). */
  patch(patch: Patch): void;
};

export function createSharer(): Sharer {
  const dates = new Map<string, string>();
  const linesByKey = new Map<string, InvoiceLine[]>();
  /** Line lists already shared: a changed invoice usually keeps its lines (spread from the one it replaces). */
  const sharedLines = new WeakSet<InvoiceLine[]>();
  const date = <T>(s: T): T => {
    if (typeof s !== 'string') return s;
    // Looked up before the pattern is tested: most dates a commit carries are already known.
    const shared = dates.get(s);
    if (shared !== undefined) return shared as T;
    if (!ISO.test(s)) return s;
    dates.set(s, s);
    return s;
  };
  const lines = (list: InvoiceLine[]): InvoiceLine[] => {
    if (sharedLines.has(list)) return list;
    let key = '';
    for (const l of list) key += `${l.lineItemId}\u0000${l.amountCents}\u0000${l.description}\u0001`;
    const shared = linesByKey.get(key);
    if (shared !== undefined && sameLines(shared, list)) return shared;
    linesByKey.set(key, list);
    sharedLines.add(list);
    return list;
  };
  const invoice = (inv: Invoice): void => {
    inv.lines = lines(inv.lines);
    inv.invoiceDate = date(inv.invoiceDate);
    inv.dueDate = date(inv.dueDate);
    inv.createdAt = date(inv.createdAt);
    inv.autoPayAttemptedAt = date(inv.autoPayAttemptedAt);
    if (inv.statusChangedAt !== undefined) inv.statusChangedAt = date(inv.statusChangedAt);
  };
  const event = (e: SimEvent, payments: ReadonlyMap<number, Payment>): void => {
    e.at = date(e.at);
    const data = e.data;
    for (const key in data) if (typeof data[key] === 'string') data[key] = date(data[key]);
    // payment.succeeded carries the payment's allocations: the same array, once loaded.
    if (typeof data.paymentId === 'number' && Array.isArray(data.allocations)) {
      const p = payments.get(data.paymentId);
      if (p && sameAllocations(p.allocations, data.allocations)) data.allocations = p.allocations;
    }
  };
  const byId = (payments: readonly Payment[] | undefined) => new Map((payments ?? []).map((p) => [p.id, p]));
  return {
    document(s) {
      for (const inv of s.invoices) invoice(inv);
      const payments = byId(s.payments);
      for (const e of s.events) event(e, payments);
    },
    patch(p) {
      for (const inv of p.upsert?.invoices ?? []) invoice(inv);
      for (const ri of p.upsert?.recurringInvoices ?? []) ri.nextInvoiceDate = date(ri.nextInvoiceDate);
      for (const pay of p.upsert?.payments ?? []) pay.createdAt = date(pay.createdAt);
      if (p.events?.length) {
        const payments = byId(p.upsert?.payments);
        for (const e of p.events) event(e, payments);
      }
    },
  };
}

function sameLines(a: readonly InvoiceLine[], b: readonly InvoiceLine[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (x.lineItemId !== y.lineItemId || x.amountCents !== y.amountCents || x.description !== y.description)
      return false;
  }
  return true;
}

function sameAllocations(a: readonly Allocation[], b: readonly unknown[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const y = b[i] as Partial<Allocation> | null;
    if (!y || Object.keys(y).length !== 2 || a[i]!.invoiceId !== y.invoiceId || a[i]!.amountCents !== y.amountCents)
      return false;
  }
  return true;
}

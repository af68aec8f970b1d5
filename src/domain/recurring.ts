import { isAutoPayOn, requireMethodKept } from './auto-pay.ts';
import { byId } from './by-id.ts';
import { addDays, addMonthsClamped, isIsoDate } from './dates.ts';
import { DomainError, invalid, notFound, type FieldError } from './errors.ts';
import { event } from './events.ts';
import type { Ctx } from './ids.ts';
import { openingStatus } from './invoice-status.ts';
import { requireAutoPayMethod } from './method-use.ts';
import { MAX_AMOUNT_CENTS, MAX_LINES, centsToDecimal, isAmountCents, requireAmountCents } from './money.ts';
import type { CommandResult } from './patch.ts';
import type { Invoice, InvoiceLine, IsoDate, RecurringInvoice, RecurringLine, SandboxState } from './types.ts';

export type LineInput = { lineItemId: number; description?: string; amountCents: number };
export type RecurringLineInput = LineInput & { occurrences?: number | null };

export type CreateRecurringInvoiceInput = {
  customerId: number;
  saleDate: IsoDate;
  startDate: IsoDate;
  netDays?: number;
  lines: RecurringLineInput[];
  billingMethodId?: number | null;
};

export function requireDate(value: string, path: string): void {
  if (!isIsoDate(value)) {
    throw invalid('invalid-date', 'Invalid date', `${path.slice(1)} must be a YYYY-MM-DD date.`, [
      { path, message: 'must be a calendar date YYYY-MM-DD' },
    ]);
  }
}

/** Checks lines against the catalogue (description defaults to its name); shared with manual invoices. */
export function resolveLines(state: Readonly<SandboxState>, lines: readonly LineInput[]): InvoiceLine[] {
  if (lines.length === 0)
    throw invalid('no-lines', 'No lines', 'At least one line is required.', [
      { path: '/lines', message: 'must not be empty' },
    ]);
  if (lines.length > MAX_LINES)
    throw invalid('too-many-lines', 'Too many lines', `An invoice has at most ${MAX_LINES} lines.`, [
      { path: '/lines', message: `must have at most ${MAX_LINES} items` },
    ]);
  const names = new Map(state.lineItems.map((li) => [li.id, li.name]));
  const unknown: FieldError[] = [];
  const amounts: FieldError[] = [];
  lines.forEach((l, i) => {
    if (!names.has(l.lineItemId))
      unknown.push({ path: `/lines/${i}/lineItemId`, message: `unknown invoice line item ${l.lineItemId}` });
    if (!isAmountCents(l.amountCents))
      amounts.push({
        path: `/lines/${i}/amountCents`,
        message: `must be an integer from 0 to ${MAX_AMOUNT_CENTS} (cents)`,
      });
  });
  if (unknown.length)
    throw invalid(
      'unknown-line-item',
      'Unknown invoice line item',
      'Every line must use an invoice line item from the catalogue.',
      unknown,
    );
  if (amounts.length)
    throw invalid(
      'invalid-amount',
      'Invalid amount',
      `Amounts are integer cents, from 0 to ${MAX_AMOUNT_CENTS}.`,
      amounts,
    );
  // The invoice a set of lines makes is one amount too: its total has the same maximum.
  const total = lines.reduce((sum, l) => sum + l.amountCents, 0);
  if (total > MAX_AMOUNT_CENTS) {
    throw invalid(
      'total-out-of-range',
      'Total out of range',
      `The lines total ${total} cents; an invoice totals at most ${MAX_AMOUNT_CENTS} ($${centsToDecimal(MAX_AMOUNT_CENTS)}).`,
      [{ path: '/lines', message: `amounts must total at most ${MAX_AMOUNT_CENTS}` }],
    );
  }
  return lines.map((l) => ({
    lineItemId: l.lineItemId,
    description: l.description || (names.get(l.lineItemId) as string),
    amountCents: l.amountCents,
  }));
}

export function createRecurringInvoice(
  state: Readonly<SandboxState>,
  input: CreateRecurringInvoiceInput,
  ctx: Ctx,
): CommandResult<RecurringInvoice> {
  if (!byId(state.customers, input.customerId)) throw notFound('Customer', input.customerId);
  requireDate(input.saleDate, '/saleDate');
  requireDate(input.startDate, '/startDate');
  const netDays = input.netDays ?? 0;
  if (!Number.isInteger(netDays) || netDays < 0)
    throw invalid('invalid-net-days', 'Invalid net days', 'netDays must be an integer >= 0.', [
      { path: '/netDays', message: 'must be an integer >= 0' },
    ]);
  const resolved = resolveLines(state, input.lines);
  const badOccurrences = input.lines.flatMap((l, i) => {
    const o = l.occurrences ?? null;
    return o === null || (Number.isInteger(o) && o >= 1)
      ? []
      : [{ path: `/lines/${i}/occurrences`, message: 'must be null or an integer >= 1' }];
  });
  if (badOccurrences.length)
    throw invalid(
      'invalid-occurrences',
      'Invalid occurrences',
      'occurrences is null (every invoice) or a count >= 1.',
      badOccurrences,
    );
  const billingMethodId = input.billingMethodId ?? null;
  if (billingMethodId !== null) requireAutoPayMethod(state, input.customerId, billingMethodId, ctx.now);

  const lines: RecurringLine[] = resolved.map((l, i) => ({ ...l, occurrences: input.lines[i]?.occurrences ?? null }));
  const ri: RecurringInvoice = {
    id: ctx.ids('recurringInvoice'),
    customerId: input.customerId,
    saleDate: input.saleDate,
    startDate: input.startDate,
    netDays,
    lines,
    billingMethodId,
    nextInvoiceDate: input.startDate,
    invoicesCreated: 0,
    createdAt: ctx.now,
  };
  const events = [event(ctx, 'recurring_invoice.created', { recurringInvoiceId: ri.id, customerId: ri.customerId })];
  // A billing method on the recurring invoice is what enrols the customer in Auto Pay.
  if (isAutoPayOn(ri))
    events.push(
      event(ctx, 'autopay.enabled', { recurringInvoiceId: ri.id, customerId: ri.customerId, billingMethodId }),
    );
  return { patch: { upsert: { recurringInvoices: [ri] }, events }, result: ri };
}

/** Dealer (or end user) sets or changes the Auto Pay method; it can never be removed. */
export function updateRecurringBillingMethod(
  state: Readonly<SandboxState>,
  recurringInvoiceId: number,
  billingMethodId: number,
  ctx: Ctx,
): CommandResult<RecurringInvoice> {
  const ri = byId(state.recurringInvoices, recurringInvoiceId);
  if (!ri) throw notFound('Recurring invoice', recurringInvoiceId);
  requireMethodKept(billingMethodId);
  if (ri.billingMethodId === billingMethodId) return { patch: {}, result: ri };
  requireAutoPayMethod(state, ri.customerId, billingMethodId, ctx.now);
  return setAutoPayMethod(ri, billingMethodId, ctx);
}

/** Puts a (checked) method on the recurring invoice: the first one turns Auto Pay on, a later one replaces it. */
export function setAutoPayMethod(
  ri: RecurringInvoice,
  billingMethodId: number,
  ctx: Ctx,
): CommandResult<RecurringInvoice> {
  if (ri.billingMethodId === billingMethodId) return { patch: {}, result: ri };
  const next: RecurringInvoice = { ...ri, billingMethodId };
  const data = {
    recurringInvoiceId: ri.id,
    customerId: ri.customerId,
    billingMethodId,
    previousBillingMethodId: ri.billingMethodId,
  };
  const e = event(ctx, isAutoPayOn(ri) ? 'billing_method.updated' : 'autopay.enabled', data);
  return { patch: { upsert: { recurringInvoices: [next] }, events: [e] }, result: next };
}

/** True once every line is an installment that has run out: the schedule creates nothing more. */
export function isScheduleFinished(ri: Readonly<RecurringInvoice>): boolean {
  return ri.lines.every((l) => l.occurrences !== null && ri.invoicesCreated >= l.occurrences);
}

/** Creates the invoice due for `nextInvoiceDate` and moves the schedule one month on. */
export function generateInvoice(
  state: Readonly<SandboxState>,
  recurringInvoiceId: number,
  ctx: Ctx,
): CommandResult<Invoice> {
  const ri = byId(state.recurringInvoices, recurringInvoiceId);
  if (!ri) throw notFound('Recurring invoice', recurringInvoiceId);
  if (isScheduleFinished(ri)) {
    throw new DomainError(
      'conflict',
      'recurring-invoice-finished',
      'Recurring invoice finished',
      `Recurring invoice ${ri.id} has no lines left to bill.`,
    );
  }
  const number = ri.invoicesCreated + 1;
  const lines: InvoiceLine[] = ri.lines
    .filter((l) => l.occurrences === null || number <= l.occurrences)
    .map((l) => ({ lineItemId: l.lineItemId, description: l.description, amountCents: l.amountCents }));
  const totalCents = requireAmountCents(
    lines.reduce((sum, l) => sum + l.amountCents, 0),
    `/recurringInvoices/${ri.id}/lines`,
  );
  const invoice: Invoice = {
    id: ctx.ids('invoice'),
    customerId: ri.customerId,
    recurringInvoiceId: ri.id,
    invoiceDate: ri.nextInvoiceDate,
    dueDate: addDays(ri.nextInvoiceDate, ri.netDays),
    lines,
    totalCents,
    balanceCents: totalCents,
    ...openingStatus(totalCents, ctx.now),
    autoPayAttemptedAt: null,
    createdAt: ctx.now,
  };
  const anchorDay = Number(ri.startDate.slice(8, 10));
  const next: RecurringInvoice = {
    ...ri,
    invoicesCreated: number,
    nextInvoiceDate: addMonthsClamped(ri.startDate, number, anchorDay),
  };
  const e = event(ctx, 'invoice.created', {
    invoiceId: invoice.id,
    customerId: invoice.customerId,
    recurringInvoiceId: ri.id,
    invoiceDate: invoice.invoiceDate,
    dueDate: invoice.dueDate,
    totalCents,
  });
  return { patch: { upsert: { invoices: [invoice], recurringInvoices: [next] }, events: [e] }, result: invoice };
}

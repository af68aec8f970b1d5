// Which behaviours a committed change exercised, read from what it did (its events and the entities it
// wrote) and the state before it. Observation only: every rule is decided where it lives; this names it.
import { billingSummary, integrationInvoices } from '../balances.ts';
import { byId } from '../by-id.ts';
import { behaviourOfAmount } from './of-reads.ts';
import type { Patch } from '../patch.ts';
import type { Reader } from '../reader.ts';
import { MMR_LINE_ITEM_ID, type RecurringInvoice, type SandboxState } from '../types.ts';

type Data = Record<string, unknown>;

/** A failed Enable of the integration, by the code of its failure. */
const ENABLE_FAILURES: Record<string, string> = {
  'securitytrax-role-missing': 'role-refused',
  'alarm-com-unavailable': 'fault.alarm-com-down',
  'alarm-com-timeout': 'fault.alarm-com-slow',
};

export function behavioursOfCommit(before: Readonly<SandboxState>, read: Reader, patch: Patch): string[] {
  const events = patch.events;
  if (!events?.length) return [];
  // A set: a long advance commits thousands of events that show the same few behaviours.
  const marks = new Set<string>();
  const add = (ids: readonly string[]) => {
    for (const id of ids) marks.add(id);
  };
  const types = new Set(events.map((e) => e.type));
  for (const e of events) {
    const data = e.data as Data;
    switch (e.type) {
      case 'payment.succeeded':
        add(succeeded(before, read, data, types));
        break;
      case 'payment.failed':
        marks.add(`decline.${String(data.reason)}`);
        if (data.source === 'auto_pay') marks.add('autopay-declined');
        if (data.source === 'one_time' && types.has('billing_method.created')) marks.add('new-method-not-autopay');
        break;
      case 'autopay.enabled':
        marks.add('autopay-on-with-first-method');
        break;
      case 'billing_method.updated':
        if (data.recurringInvoiceId !== undefined) marks.add('method-changed');
        break;
      case 'billing_method.created':
        if (data.type === 'credit_card') marks.add('card-kept-as-brand-last4');
        break;
      case 'invoice.created':
        add(created(before, patch, data));
        break;
      case 'invoice.past_due':
        marks.add('invoice-falls-past-due');
        break;
      case 'role_cache.refreshed':
        marks.add('role-cache-refreshed');
        break;
      case 'integration.enabled':
        marks.add('integration-enabled');
        break;
      case 'integration.enable_failed': {
        const mark = ENABLE_FAILURES[String(data.code)];
        if (mark) marks.add(mark);
        break;
      }
    }
  }
  return [...marks];
}

function succeeded(before: Readonly<SandboxState>, read: Reader, data: Data, types: Set<string>): string[] {
  if (data.source === 'auto_pay') return ['autopay-charged'];
  if (data.source === 'dealer') return ['dealer-payment'];
  const marks: string[] = [];
  const allocations = (data.allocations ?? []) as { invoiceId: number }[];
  if (allocations.length > 1) marks.push('payment-several-invoices');
  if (types.has('billing_method.created')) marks.push('new-method-not-autopay');
  // The Pay window as it was before the payment: its amounts, and whether there was a choice of invoices.
  const first = allocations[0] && byId(before.invoices, allocations[0].invoiceId);
  const recurringInvoice =
    first?.recurringInvoiceId == null ? undefined : byId(before.recurringInvoices, first.recurringInvoiceId);
  const customer = first && byId(before.customers, first.customerId);
  if (!recurringInvoice || !customer) return marks;
  const summary = billingSummary(before, read, { customer, recurringInvoice }, before.now);
  marks.push(behaviourOfAmount(summary, data.amountCents as number));
  if (integrationInvoices(before, read, recurringInvoice.id).filter((i) => i.balanceCents > 0).length > 1)
    marks.push('oldest-first');
  return marks;
}

function created(before: Readonly<SandboxState>, patch: Patch, data: Data): string[] {
  const marks: string[] = [];
  if (data.totalCents === 0) marks.push('zero-dollar-invoice-paid');
  const id = data.recurringInvoiceId as number | undefined;
  const ri =
    id === undefined
      ? undefined
      : ((patch.upsert?.recurringInvoices as RecurringInvoice[] | undefined)?.find((r) => r.id === id) ??
        byId(before.recurringInvoices, id));
  if (ri && zeroMmrWithOthers(ri)) marks.push('zero-dollar-mmr-other-items');
  return marks;
}

const zeroMmrWithOthers = (ri: RecurringInvoice): boolean =>
  ri.lines.some((l) => l.lineItemId === MMR_LINE_ITEM_ID && l.amountCents === 0) &&
  ri.lines.some((l) => l.lineItemId !== MMR_LINE_ITEM_ID && l.amountCents > 0);

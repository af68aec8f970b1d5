// Which behaviours a committed change exercised, read from what it did (its events and the entities it
// wrote) and the state before it. Observation only: every rule is decided where it lives; this names it.
import { balancesOf } from '../balances.ts';
import { byId } from '../by-id.ts';
import { behaviourOfAmount } from './of-reads.ts';
import type { Patch } from '../patch.ts';
import type { Reader } from '../reader.ts';
import { MMR_LINE_ITEM_ID, type RecurringInvoice, type SandboxState, type SimEvent } from '../types.ts';

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
  // Each once: a long advance commits thousands of events that show the same few behaviours.
  const marks: string[] = [];
  const add = (ids: readonly string[]) => {
    for (const id of ids) if (!marks.includes(id)) marks.push(id);
  };
  for (const e of events) {
    const data = e.data as Data;
    switch (e.type) {
      case 'payment.succeeded':
        add(succeeded(before, read, data, events));
        break;
      case 'payment.failed':
        add([`decline.${String(data.reason)}`]);
        if (data.source === 'auto_pay') add(['autopay-declined']);
        if (data.source === 'one_time' && savedNewMethod(events)) add(['new-method-not-autopay']);
        break;
      case 'autopay.enabled':
        add(['autopay-on-with-first-method']);
        break;
      case 'billing_method.updated':
        if (data.recurringInvoiceId !== undefined) add(['method-changed']);
        if (data.change === 'expiry') add(['card-expiry-updated']);
        break;
      case 'billing_method.created':
        if (data.type === 'credit_card') add(['card-kept-as-brand-last4']);
        break;
      case 'invoice.created':
        add(created(before, patch, data));
        break;
      case 'invoice.past_due':
        add(['invoice-falls-past-due']);
        break;
      case 'role_cache.refreshed':
        add(['role-cache-refreshed']);
        break;
      case 'integration.enabled':
        add(['integration-enabled']);
        break;
      case 'integration.enable_failed': {
        const code = String(data.code);
        const mark = Object.hasOwn(ENABLE_FAILURES, code) ? ENABLE_FAILURES[code] : undefined;
        if (mark) add([mark]);
        break;
      }
    }
  }
  return marks;
}

function succeeded(before: Readonly<SandboxState>, read: Reader, data: Data, events: readonly SimEvent[]): string[] {
  if (data.source === 'auto_pay') return ['autopay-charged'];
  if (data.source === 'dealer') return ['dealer-payment'];
  const marks: string[] = [];
  const allocations = (data.allocations ?? []) as { invoiceId: number }[];
  if (allocations.length > 1) marks.push('payment-several-invoices');
  if (savedNewMethod(events)) marks.push('new-method-not-autopay');
  // The Pay window as it was before the payment: its amounts, and whether there was a choice of invoices.
  const first = allocations[0] && byId(before.invoices, allocations[0].invoiceId);
  if (first?.recurringInvoiceId == null) return marks;
  const balances = balancesOf(read.where(before.invoices, 'invoicesByRecurringInvoice', first.recurringInvoiceId));
  marks.push(behaviourOfAmount(balances, data.amountCents as number));
  if (balances.owing > 1) marks.push('oldest-first');
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

/** A one-time payment's command saved the new method it was given. */
const savedNewMethod = (events: readonly SimEvent[]) => events.some((e) => e.type === 'billing_method.created');

const zeroMmrWithOthers = (ri: RecurringInvoice): boolean =>
  ri.lines.some((l) => l.lineItemId === MMR_LINE_ITEM_ID && l.amountCents === 0) &&
  ri.lines.some((l) => l.lineItemId !== MMR_LINE_ITEM_ID && l.amountCents > 0);

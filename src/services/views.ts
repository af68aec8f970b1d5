// Domain entities -> the API shapes of spec/openapi.yaml. Secrets and processor internals stop here.
import { isAutoPayOn } from '../domain/auto-pay.ts';
import { maskedLabel } from '../domain/billing-method.ts';
import { byId } from '../domain/by-id.ts';
import { hasMmr } from '../domain/select-recurring-invoice.ts';
import type { EventPage } from '../domain/event-page.ts';
import type {
  AdcCredential,
  AdcLogin,
  BillingMethod,
  Invoice,
  Isp,
  Payment,
  RecurringInvoice,
  SandboxState,
  SimEvent,
} from '../domain/types.ts';

export const ispView = ({ password: _password, ...isp }: Isp) => isp;

export const recurringInvoiceView = (r: RecurringInvoice) => ({ ...r, hasMmr: hasMmr(r), autoPay: isAutoPayOn(r) });

export const loginView = ({ password: _password, ...login }: AdcLogin) => login;

export const credentialView = ({ password: _password, ...credential }: AdcCredential) => credential;

export function paymentMethodView(method: BillingMethod) {
  return {
    id: method.id,
    type: method.type,
    brand: method.card?.brand ?? null,
    last4: method.card?.last4 ?? method.bankAccount?.last4 ?? '',
    expMonth: method.card?.expMonth ?? null,
    expYear: method.card?.expYear ?? null,
    bankName: method.bankAccount?.bankName ?? null,
    expired: method.expired,
    label: maskedLabel(method),
  };
}

export function methodById(state: Readonly<SandboxState>, id: number | null): BillingMethod | null {
  return id === null ? null : (byId(state.billingMethods, id) ?? null);
}

export function endUserPaymentView(state: Readonly<SandboxState>, p: Payment) {
  const method = methodById(state, p.billingMethodId);
  return {
    id: p.id,
    amountCents: p.amountCents,
    createdAt: p.createdAt,
    status: p.status,
    failureReason: p.failureReason,
    source: p.source,
    method: method ? paymentMethodView(method) : null,
    allocations: p.allocations.map((a) => ({
      invoiceId: a.invoiceId,
      invoiceDueDate: byId(state.invoices, a.invoiceId)?.dueDate ?? null,
      amountCents: a.amountCents,
    })),
  };
}

export const billView = (i: Invoice) => ({
  id: i.id,
  invoiceDate: i.invoiceDate,
  dueDate: i.dueDate,
  totalCents: i.totalCents,
  balanceCents: i.balanceCents,
  status: i.status,
  lines: i.lines,
});

export type SandboxSummary = ReturnType<typeof sandboxView>;

/** A sandbox as the control API lists it; `events`: how many its timeline holds. */
export function sandboxView(state: Readonly<SandboxState>, events: number) {
  return {
    name: state.name,
    seed: state.seed,
    now: state.now,
    counts: {
      customers: state.customers.length,
      invoices: state.invoices.length,
      payments: state.payments.length,
      events,
    },
  };
}

/** A page of events with the link to the next one (same filter, after the last id given). */
export function eventPageView({ items, filter, nextAfter }: EventPage): { items: SimEvent[]; next: string | null } {
  return { items, next: nextAfter === null ? null : eventsLink({ ...filter, after: nextAfter }) };
}

export function eventsLink(filter: { after: number; limit: number; type?: string }): string {
  const query = new URLSearchParams({ after: String(filter.after), limit: String(filter.limit) });
  if (filter.type !== undefined) query.set('type', filter.type);
  return `/__sim/events?${query}`;
}

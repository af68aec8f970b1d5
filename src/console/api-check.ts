// The dealer page's writes, checked as the SecurityTrax face's operations (createBillingMethod,
// createRecurringInvoice, updateRecurringInvoice, updateIsp) would check their JSON:API documents; the other
// console writes call checkApiRequest with their operation's request directly. Each document is built here,
// from the console's own table of form fields and wire attributes, so a failing wire path is told back as the
// form's field.
import type { NewBillingMethodInput } from '../domain/billing-method.ts';
import { DomainError } from '../domain/errors.ts';
import { centsToDecimal } from '../domain/money.ts';
import { checkApiRequest } from '../http/request-check.ts';

/** The wire attribute of each field of a new card or bank account (the spec's customer_billings attributes). */
const CARD_ATTRIBUTES = {
  number: 'card_number',
  expMonth: 'exp_month',
  expYear: 'exp_year',
  cvv: 'cvv',
  holderName: 'holder_name',
} as const;
const BANK_ATTRIBUTES = {
  routingNumber: 'routing_number',
  accountNumber: 'account_number',
  accountType: 'account_type',
  bankName: 'bank_name',
  holderName: 'holder_name',
} as const;

/** Optional fields a blank form input leaves out of the document. */
const OPTIONAL = new Set(['cvv', 'bankName']);

/** The method's fields as wire attributes (blank optional ones left out), and each wire path back to its field. */
function asAttributes<F extends Record<string, string>>(
  names: F,
  fields: { [K in keyof F]?: unknown },
  form: string,
): { attributes: Record<string, unknown>; fromWire: Map<string, string> } {
  const attributes: Record<string, unknown> = {};
  const fromWire = new Map<string, string>();
  for (const [field, wire] of Object.entries(names)) {
    fromWire.set(`/body/data/attributes/${wire}`, `${form}/${field}`);
    const value = fields[field];
    if (value !== undefined && !(OPTIONAL.has(field) && !value)) attributes[wire] = value;
  }
  return { attributes, fromWire };
}

/**
 * The dealer page's new method, checked as the SecurityTrax face's createBillingMethod; the failing paths are
 * told back in the method's own terms ("/card/number"), so the form marks its fields.
 */
export function checkDealerMethod(sandbox: string, customerId: number, method: NewBillingMethodInput): void {
  const { attributes, fromWire } =
    method.type === 'credit_card'
      ? asAttributes(CARD_ATTRIBUTES, method.card, '/card')
      : asAttributes(BANK_ATTRIBUTES, method.bankAccount, '/bankAccount');
  const body = {
    data: {
      type: 'customer_billings',
      attributes: { billing_type: method.type, ...attributes },
      relationships: { customer: { data: { type: 'customers', id: String(customerId) } } },
    },
  };
  try {
    checkApiRequest('createBillingMethod', { path: { profile: sandbox }, body });
  } catch (err) {
    if (!(err instanceof DomainError) || !Array.isArray(err.extensions.errors)) throw err;
    const errors = (err.extensions.errors as { path: string; message: string }[]).map((e) => ({
      ...e,
      path: fromWire.get(e.path) ?? e.path,
    }));
    throw new DomainError(err.kind, err.code, err.title, err.message, { ...err.extensions, errors });
  }
}

/** Failing wire paths told back as the console form's own fields. */
function inFormTerms(check: () => void, fields: Record<string, string>): void {
  try {
    check();
  } catch (err) {
    if (!(err instanceof DomainError) || !Array.isArray(err.extensions.errors)) throw err;
    const errors = (err.extensions.errors as { path: string; message: string }[]).map((e) => ({
      ...e,
      path: (Object.hasOwn(fields, e.path) && fields[e.path]) || e.path,
    }));
    throw new DomainError(err.kind, err.code, err.title, err.message, { ...err.extensions, errors });
  }
}

export type RecurringForm = {
  customerId: number;
  saleDate: string;
  startDate: string;
  lines: { lineItemId: number; amountCents: number }[];
};

/** The dealer page's new recurring invoice, checked as createRecurringInvoice; lines are MMR then the extra one. */
export function checkDealerRecurringInvoice(sandbox: string, r: RecurringForm): void {
  const attributes = {
    sale_date: r.saleDate,
    start_date: r.startDate,
    lines: r.lines.map((l) => ({
      invoice_billable_item_id: String(l.lineItemId),
      amount: centsToDecimal(l.amountCents),
    })),
  };
  const body = {
    data: {
      type: 'recurring_invoices',
      attributes,
      relationships: { customer: { data: { type: 'customers', id: String(r.customerId) } } },
    },
  };
  const at = '/body/data/attributes';
  inFormTerms(() => checkApiRequest('createRecurringInvoice', { path: { profile: sandbox }, body }), {
    [`${at}/sale_date`]: '/saleDate',
    [`${at}/start_date`]: '/startDate',
    [`${at}/lines/0/amount`]: '/mmrDollars',
    [`${at}/lines/1/amount`]: '/extraDollars',
  });
}

/** The dealer page's Auto Pay method for a recurring invoice, checked as updateRecurringInvoice. */
export function checkDealerRecurringMethod(sandbox: string, recurringInvoiceId: number, billingMethodId: number): void {
  const body = {
    data: {
      type: 'recurring_invoices',
      id: String(recurringInvoiceId),
      relationships: { customer_billing: { data: { type: 'customer_billings', id: String(billingMethodId) } } },
    },
  };
  inFormTerms(
    () =>
      checkApiRequest('updateRecurringInvoice', { path: { profile: sandbox, id: String(recurringInvoiceId) }, body }),
    {
      '/body/data/relationships/customer_billing/data/id': '/billingMethodId',
    },
  );
}

/** The dealer page's "Billing Integration" checkbox, checked as updateIsp. */
export function checkDealerIsp(sandbox: string, ispId: number, billingIntegration: boolean): void {
  const body = {
    data: {
      type: 'interactive_services_providers',
      id: String(ispId),
      attributes: { billing_integration: billingIntegration },
    },
  };
  checkApiRequest('updateIsp', { path: { profile: sandbox, id: String(ispId) }, body });
}

// The dealer page's writes, checked as the SecurityTrax face's operations (createBillingMethod,
// createRecurringInvoice, updateRecurringInvoice, updateIsp) would check their JSON:API documents; the other
// console writes call checkApiRequest with their operation's request directly.
import type { NewBillingMethodInput } from '../domain/billing-method.ts';
import { DomainError } from '../domain/errors.ts';
import { centsToDecimal } from '../domain/money.ts';
import { resourceType } from '../http/faces/securitytrax/resources/registry.ts';
import { checkApiRequest } from '../http/request-check.ts';

/** The SecurityTrax createBillingMethod document for a method the dealer page adds. */
function billingMethodDocument(customerId: number, m: NewBillingMethodInput) {
  const attributes =
    m.type === 'credit_card'
      ? {
          billing_type: 'credit_card',
          card_number: m.card.number,
          exp_month: m.card.expMonth,
          exp_year: m.card.expYear,
          ...(m.card.cvv ? { cvv: m.card.cvv } : {}),
          holder_name: m.card.holderName,
        }
      : {
          billing_type: 'bank_account',
          routing_number: m.bankAccount.routingNumber,
          account_number: m.bankAccount.accountNumber,
          account_type: m.bankAccount.accountType,
          ...(m.bankAccount.bankName ? { bank_name: m.bankAccount.bankName } : {}),
          holder_name: m.bankAccount.holderName,
        };
  return {
    data: {
      type: 'customer_billings',
      attributes,
      relationships: { customer: { data: { type: 'customers', id: String(customerId) } } },
    },
  };
}

/**
 * The dealer page's new method, checked as the SecurityTrax face's createBillingMethod; the failing paths are
 * told back in the method's own terms ("/card/number"), through the face's table, so the form marks its fields.
 */
export function checkDealerMethod(sandbox: string, customerId: number, method: NewBillingMethodInput): void {
  try {
    checkApiRequest('createBillingMethod', {
      path: { profile: sandbox },
      body: billingMethodDocument(customerId, method),
    });
  } catch (err) {
    if (!(err instanceof DomainError) || !Array.isArray(err.extensions.errors)) throw err;
    // A wire attribute some domain paths share (holder_name) is told back as the method of this type's.
    const prefix = method.type === 'credit_card' ? '/card/' : '/bankAccount/';
    const fromWire = new Map(
      Object.entries(resourceType('customer_billings').pointers ?? {})
        .filter(([domain]) => domain.startsWith(prefix))
        .map(([domain, wire]) => [`/body${wire}`, domain]),
    );
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

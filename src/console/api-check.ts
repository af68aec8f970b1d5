// The dealer page's new method, checked as the API's createBillingMethod (the other console writes call
// checkApiRequest with their operation's request directly).
import type { NewBillingMethodInput } from '../domain/billing-method.ts';
import { DomainError } from '../domain/errors.ts';
import { resourceType } from '../http/faces/securitytrax/resources/registry.ts';
import { checkApiRequest } from '../http/request-check.ts';

/** The SecurityTrax createBillingMethod document for a method the dealer page adds. */
function billingMethodDocument(customerId: number, m: NewBillingMethodInput) {
  const attributes =
    m.type === 'credit_card'
      ? { billing_type: 'credit_card', card_number: m.card.number, exp_month: m.card.expMonth, exp_year: m.card.expYear, ...(m.card.cvv ? { cvv: m.card.cvv } : {}), holder_name: m.card.holderName }
      : {
          billing_type: 'bank_account',
          routing_number: m.bankAccount.routingNumber,
          account_number: m.bankAccount.accountNumber,
          account_type: m.bankAccount.accountType,
          ...(m.bankAccount.bankName ? { bank_name: m.bankAccount.bankName } : {}),
          holder_name: m.bankAccount.holderName,
        };
  return { data: { type: 'customer_billings', attributes, relationships: { customer: { data: { type: 'customers', id: String(customerId) } } } } };
}

/**
 * The dealer page's new method, checked as the SecurityTrax face's createBillingMethod; the failing paths are
 * told back in the method's own terms ("/card/number"), through the face's table, so the form marks its fields.
 */
export function checkDealerMethod(sandbox: string, customerId: number, method: NewBillingMethodInput): void {
  try {
    checkApiRequest('createBillingMethod', { path: { profile: sandbox }, body: billingMethodDocument(customerId, method) });
  } catch (err) {
    if (!(err instanceof DomainError) || !Array.isArray(err.extensions.errors)) throw err;
    // A wire attribute some domain paths share (holder_name) is told back as the method of this type's.
    const prefix = method.type === 'credit_card' ? '/card/' : '/bankAccount/';
    const fromWire = new Map(Object.entries(resourceType('customer_billings').pointers ?? {}).filter(([domain]) => domain.startsWith(prefix)).map(([domain, wire]) => [`/body${wire}`, domain]));
    const errors = (err.extensions.errors as { path: string; message: string }[]).map((e) => ({ ...e, path: fromWire.get(e.path) ?? e.path }));
    throw new DomainError(err.kind, err.code, err.title, err.message, { ...err.extensions, errors });
  }
}

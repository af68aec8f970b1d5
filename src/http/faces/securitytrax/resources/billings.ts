import { defineResource } from './resource-type.ts';

/** `customer_billings` (inferred; web app route `customer-billing`): billing methods. Never a number or CVV out. */
export const billings = defineResource({
  type: 'customer_billings',
  label: 'Billing method',
  collection: 'billingMethods',
  operations: { list: 'listBillingMethods', get: 'getBillingMethod', create: 'createBillingMethod' },
  attributes: {
    billing_type: { read: (m) => m.type, filter: 'string' },
    card_brand: { read: (m) => m.card?.brand ?? null, filter: 'string' },
    last_four: { read: (m) => m.card?.last4 ?? m.bankAccount?.last4 ?? '', filter: 'string' },
    exp_month: { read: (m) => m.card?.expMonth ?? null, filter: 'number', domain: 'expMonth' },
    exp_year: { read: (m) => m.card?.expYear ?? null, filter: 'number', domain: 'expYear' },
    holder_name: { read: (m) => m.card?.holderName ?? m.bankAccount?.holderName ?? '', filter: 'string' },
    bank_name: { read: (m) => m.bankAccount?.bankName ?? null, filter: 'string' },
    account_type: { read: (m) => m.bankAccount?.accountType ?? null, filter: 'string' },
    expired: { read: (m) => m.expired, filter: 'boolean' },
    created_at: { read: (m) => m.createdAt, filter: 'date' },
  },
  relationships: {
    customer: { type: 'customers', read: (m) => m.customerId, domain: 'customerId' },
  },
  // A new card or bank account: the domain nests them, the wire does not. (A new expiry maps per attribute.)
  input: (a) =>
    a.billing_type === undefined
      ? undefined
      : a.billing_type === 'credit_card'
        ? {
            type: 'credit_card',
            card: {
              number: a.card_number,
              expMonth: a.exp_month,
              expYear: a.exp_year,
              cvv: a.cvv,
              holderName: a.holder_name,
            },
          }
        : {
            type: 'bank_account',
            bankAccount: {
              routingNumber: a.routing_number,
              accountNumber: a.account_number,
              accountType: a.account_type,
              bankName: a.bank_name,
              holderName: a.holder_name,
            },
          },
  pointers: {
    '/card/number': '/data/attributes/card_number',
    '/card/expMonth': '/data/attributes/exp_month',
    '/card/expYear': '/data/attributes/exp_year',
    '/card/cvv': '/data/attributes/cvv',
    '/card/holderName': '/data/attributes/holder_name',
    '/bankAccount/routingNumber': '/data/attributes/routing_number',
    '/bankAccount/accountNumber': '/data/attributes/account_number',
    '/bankAccount/holderName': '/data/attributes/holder_name',
    '/bankAccount/bankName': '/data/attributes/bank_name',
    '/expiry/expMonth': '/data/attributes/exp_month',
    '/expiry/expYear': '/data/attributes/exp_year',
  },
});

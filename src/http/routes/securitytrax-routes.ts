import type { NewBillingMethodInput } from '../../domain/billing-method.ts';
import type { CreateCustomerInput, IspInput, ManualInvoiceInput } from '../../domain/dealer.ts';
import type { DealerPaymentInput } from '../../domain/payments.ts';
import type { CreateRecurringInvoiceInput } from '../../domain/recurring.ts';
import type { DealerService } from '../../services/dealer-service.ts';
import { requireSucceeded } from '../../services/payment-outcome.ts';
import { billingMethodView, ispView, recurringInvoiceView } from '../../services/views.ts';
import { created, items, ok, type Handlers, type OpInput } from '../operation.ts';

type Ops = Pick<Handlers,
  | 'listCustomers' | 'createCustomer' | 'getCustomer' | 'listIsps' | 'createIsp' | 'getIsp' | 'updateIsp'
  | 'listInvoiceLineItems' | 'listRecurringInvoices' | 'createRecurringInvoice' | 'getRecurringInvoice'
  | 'updateRecurringInvoice' | 'listInvoices' | 'createInvoice' | 'getInvoice' | 'listBillingMethods'
  | 'createBillingMethod' | 'listPayments' | 'createPayment' | 'getPayment'>;

const id = (i: OpInput, name: string) => i.path[name] as number;
const customerFilter = (i: OpInput) => i.query.customerId as number | undefined;

/** SecurityTrax dealer API: thin mappings from validated input to the dealer service and back to views. */
export function securityTraxRoutes(dealer: DealerService): Ops {
  return {
    listCustomers: (i) => items(dealer.listCustomers(i.sandbox)),
    createCustomer: async (i) => created(await dealer.createCustomer(i.sandbox, i.body as CreateCustomerInput)),
    getCustomer: (i) => ok(dealer.getCustomer(i.sandbox, id(i, 'customerId'))),

    listIsps: (i) => items(dealer.listIsps(i.sandbox).map(ispView)),
    createIsp: async (i) => created(ispView(await dealer.createIsp(i.sandbox, i.body as IspInput))),
    getIsp: (i) => ok(ispView(dealer.getIsp(i.sandbox, id(i, 'ispId')))),
    updateIsp: async (i) => ok(ispView(await dealer.updateIsp(i.sandbox, id(i, 'ispId'), i.body as Partial<IspInput> & { billingIntegration?: boolean }))),

    listInvoiceLineItems: (i) => items(dealer.listLineItems(i.sandbox)),

    listRecurringInvoices: (i) => items(dealer.listRecurringInvoices(i.sandbox, customerFilter(i)).map(recurringInvoiceView)),
    createRecurringInvoice: async (i) => created(recurringInvoiceView(await dealer.createRecurringInvoice(i.sandbox, i.body as CreateRecurringInvoiceInput))),
    getRecurringInvoice: (i) => ok(recurringInvoiceView(dealer.getRecurringInvoice(i.sandbox, id(i, 'recurringInvoiceId')))),
    updateRecurringInvoice: async (i) =>
      ok(recurringInvoiceView(await dealer.updateRecurringInvoice(i.sandbox, id(i, 'recurringInvoiceId'), (i.body as { billingMethodId: number }).billingMethodId))),

    listInvoices: (i) => items(dealer.listInvoices(i.sandbox, customerFilter(i))),
    createInvoice: async (i) => created(await dealer.createInvoice(i.sandbox, i.body as ManualInvoiceInput)),
    getInvoice: (i) => ok(dealer.getInvoice(i.sandbox, id(i, 'invoiceId'))),

    listBillingMethods: (i) => items(dealer.listBillingMethods(i.sandbox, id(i, 'customerId')).map(billingMethodView)),
    createBillingMethod: async (i) => created(billingMethodView(await dealer.createBillingMethod(i.sandbox, id(i, 'customerId'), i.body as NewBillingMethodInput))),

    listPayments: (i) => items(dealer.listPayments(i.sandbox, customerFilter(i))),
    createPayment: async (i) => {
      const { payment } = await dealer.createPayment(i.sandbox, i.body as DealerPaymentInput);
      return created(requireSucceeded(payment));
    },
    getPayment: (i) => ok(dealer.getPayment(i.sandbox, id(i, 'paymentId'))),
  };
}

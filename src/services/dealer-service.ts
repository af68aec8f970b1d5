import {
  createBillingMethod,
  updateCardExpiry,
  type ExpiryInput,
  type NewBillingMethodInput,
} from '../domain/billing-method.ts';
import {
  createCustomer,
  createIsp,
  createManualInvoice,
  updateIspDetails,
  type CreateCustomerInput,
  type IspInput,
  type ManualInvoiceInput,
} from '../domain/dealer.ts';
import { notFound } from '../domain/errors.ts';
import { makeDealerPayment, type DealerPaymentInput } from '../domain/payments.ts';
import {
  createRecurringInvoice,
  updateRecurringBillingMethod,
  type CreateRecurringInvoiceInput,
} from '../domain/recurring.ts';
import type { SandboxState } from '../domain/types.ts';
import type { AlarmComWebServices } from './alarm-com-web-services.ts';
import type { CommandRunner } from './command-runner.ts';
import type { RunOptions } from './idempotency.ts';
import { changeBillingIntegration } from './integration-service.ts';

const byCustomer = <T extends { customerId: number }>(list: T[], customerId?: number) =>
  customerId === undefined ? list : list.filter((e) => e.customerId === customerId);

function find<T extends { id: number }>(list: T[], id: number, what: string): T {
  const found = list.find((e) => e.id === id);
  if (!found) throw notFound(what, id);
  return found;
}

/** The SecurityTrax dealer API: what a dealer (or a SecurityTrax employee) does in SecurityTrax. */
export function createDealerService({ runner, adc }: { runner: CommandRunner; adc: AlarmComWebServices }) {
  const read = (sandbox: string): Readonly<SandboxState> => runner.read(sandbox);
  return {
    listCustomers: (sandbox: string) => read(sandbox).customers,
    getCustomer: (sandbox: string, id: number) => find(read(sandbox).customers, id, 'Customer'),
    createCustomer: (sandbox: string, input: CreateCustomerInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => createCustomer(s, input, ctx), options),

    listIsps: (sandbox: string) => read(sandbox).isps,
    getIsp: (sandbox: string, id: number) => find(read(sandbox).isps, id, 'Interactive Services Provider'),
    createIsp: (sandbox: string, input: IspInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => createIsp(s, input, ctx), options),
    async updateIsp(
      sandbox: string,
      id: number,
      input: Partial<IspInput> & { billingIntegration?: boolean },
      options?: RunOptions,
    ) {
      const { billingIntegration, ...details } = input;
      find(read(sandbox).isps, id, 'Interactive Services Provider');
      // Credentials first, so enabling in the same request uses the new ones.
      if (Object.keys(details).length) await runner.run(sandbox, (s, ctx) => updateIspDetails(s, id, details, ctx));
      if (billingIntegration !== undefined)
        return changeBillingIntegration({ runner, adc }, sandbox, id, billingIntegration, options);
      return find(read(sandbox).isps, id, 'Interactive Services Provider');
    },

    listLineItems: (sandbox: string) => read(sandbox).lineItems,

    listRecurringInvoices: (sandbox: string, customerId?: number) =>
      byCustomer(read(sandbox).recurringInvoices, customerId),
    getRecurringInvoice: (sandbox: string, id: number) =>
      find(read(sandbox).recurringInvoices, id, 'Recurring invoice'),
    createRecurringInvoice: (sandbox: string, input: CreateRecurringInvoiceInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => createRecurringInvoice(s, input, ctx), options),
    updateRecurringInvoice: (sandbox: string, id: number, billingMethodId: number, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => updateRecurringBillingMethod(s, id, billingMethodId, ctx), options),

    listInvoices: (sandbox: string, customerId?: number) => byCustomer(read(sandbox).invoices, customerId),
    getInvoice: (sandbox: string, id: number) => find(read(sandbox).invoices, id, 'Invoice'),
    createInvoice: (sandbox: string, input: ManualInvoiceInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => createManualInvoice(s, input, ctx), options),

    listBillingMethods(sandbox: string, customerId: number) {
      find(read(sandbox).customers, customerId, 'Customer');
      return byCustomer(read(sandbox).billingMethods, customerId);
    },
    createBillingMethod: (sandbox: string, customerId: number, input: NewBillingMethodInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => createBillingMethod(s, customerId, input, ctx), options),
    updateBillingMethodExpiry: (sandbox: string, id: number, expiry: ExpiryInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => updateCardExpiry(s, id, expiry, ctx), options),

    listPayments: (sandbox: string, customerId?: number) => byCustomer(read(sandbox).payments, customerId),
    getPayment: (sandbox: string, id: number) => find(read(sandbox).payments, id, 'Payment'),
    createPayment: (sandbox: string, input: DealerPaymentInput, options?: RunOptions) =>
      runner.run(sandbox, (s, ctx) => makeDealerPayment(s, input, ctx), options),
  };
}

export type DealerService = ReturnType<typeof createDealerService>;

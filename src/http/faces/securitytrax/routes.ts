// The SecurityTrax face's operations: thin mappings from JSON:API documents to the dealer service and back.
import { isDealerLogin } from '../../../services/authenticate.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { removePaymentMethod } from '../../../domain/payment-method.ts';
import type { DealerService } from '../../../services/dealer-service.ts';
import { requireSucceeded } from '../../payment-outcome.ts';
import type { BillingMethod, Customer, Invoice, Isp, Payment, RecurringInvoice } from '../../../domain/types.ts';
import type { CreatedRenderer } from '../../idempotency.ts';
import { created, ok, type Handlers, type OpInput } from '../../operation.ts';
import { baseUrl, JSONAPI_VERSION, listDocument, singleDocument } from './document.ts';
import { FaceError } from './face-error.ts';
import { paginate } from './pagination.ts';
import { filtered } from './query.ts';
import { toDomainInput, type ResourceData } from './resources/input.ts';
import { resourceType } from './resources/registry.ts';
import type { ResourceType, State } from './resources/resource-type.ts';
import { hashToken, type Tokens } from './tokens.ts';

type Ops = Pick<
  Handlers,
  | 'authenticateDealer'
  | 'listCustomers'
  | 'createCustomer'
  | 'getCustomer'
  | 'listIsps'
  | 'createIsp'
  | 'getIsp'
  | 'updateIsp'
  | 'listInvoiceLineItems'
  | 'listRecurringInvoices'
  | 'createRecurringInvoice'
  | 'getRecurringInvoice'
  | 'updateRecurringInvoice'
  | 'listInvoices'
  | 'createInvoice'
  | 'getInvoice'
  | 'listBillingMethods'
  | 'createBillingMethod'
  | 'getBillingMethod'
  | 'updateBillingMethod'
  | 'deleteBillingMethod'
  | 'listPayments'
  | 'createPayment'
  | 'getPayment'
>;

type Deps = { dealer: DealerService; stateOf: (sandbox: string) => State; tokens: Tokens };

const dataOf = (i: OpInput) => (i.body as { data: ResourceData }).data;
const include = (i: OpInput) => i.query.include as string | undefined;

/** PATCH: the document's id must be the URL's (JSON:API: 409 otherwise). */
function patchData(i: OpInput): ResourceData {
  const data = dataOf(i);
  if (data.id !== i.path.id)
    throw new FaceError(
      409,
      'id-mismatch',
      'Id mismatch',
      `The document's id "${data.id}" is not the URL's "${String(i.path.id)}".`,
      { pointer: '/data/id' },
    );
  return data;
}

/** A refusal about one attribute points at it (the Billing Integration box that did not stay checked). */
function pointing<T>(field: string, run: () => Promise<T>): Promise<T> {
  return run().catch((err: unknown) => {
    if (err instanceof DomainError && !err.extensions.errors)
      throw new DomainError(err.kind, err.code, err.title, err.message, {
        ...err.extensions,
        errors: [{ path: field, message: 'was not changed' }],
      });
    throw err;
  });
}

const createdDocument = <E extends { id: number }>(
  resource: CreatedRenderer<E>['resource'],
  type: string,
): CreatedRenderer<E> => ({
  resource,
  render: (s, e) => created(singleDocument(resourceType(type), e, s)),
});

/** The 201 of each creating POST of this face: the route's answer and its Idempotency-Key replay. */
export const securityTraxCreated = {
  createCustomer: createdDocument<Customer>('customers', 'customers'),
  createIsp: createdDocument<Isp>('isps', 'interactive_services_providers'),
  createRecurringInvoice: createdDocument<RecurringInvoice>('recurringInvoices', 'recurring_invoices'),
  createInvoice: createdDocument<Invoice>('invoices', 'customer_invoices'),
  createBillingMethod: createdDocument<BillingMethod>('billingMethods', 'customer_billings'),
  // A declined charge is recorded, then answered (and replayed) as the 402 it was.
  createPayment: {
    resource: 'payments',
    render: (s, p) => created(singleDocument(resourceType('customer_payments'), requireSucceeded(p), s)),
  } satisfies CreatedRenderer<Payment>,
};

const keyed = (i: OpInput) => ({ idempotency: i.idempotency });

export function securityTraxRoutes({ dealer, stateOf, tokens: issued }: Deps): Ops {
  const find = (rt: ResourceType, i: OpInput) => {
    const id = Number(i.path.id);
    const e = rt.find(stateOf(i.sandbox), id);
    if (!e) throw notFound(rt.label, id);
    return e;
  };
  const list = (type: string) => (i: OpInput) => {
    const rt = resourceType(type);
    const s = stateOf(i.sandbox);
    const all = filtered(rt, rt.list(s), s, i.query.filter as string | undefined);
    return ok(listDocument(rt, paginate(all, i.query, `${baseUrl(s.name)}/${type}`), s, include(i)));
  };
  const get = (type: string) => (i: OpInput) => {
    const rt = resourceType(type);
    return ok(singleDocument(rt, find(rt, i), stateOf(i.sandbox), include(i)));
  };
  const updated = (type: string, sandbox: string, e: { id: number }) =>
    ok(singleDocument(resourceType(type), e, stateOf(sandbox)));
  const made = securityTraxCreated;
  const input = (type: string, data: ResourceData) => toDomainInput(resourceType(type), data) as never;

  return {
    authenticateDealer: (i) => {
      const body = i.body as {
        username?: string;
        password?: string;
        data?: { attributes: { username: string; password: string } };
      };
      const { username, password } = body.data?.attributes ?? (body as { username: string; password: string });
      if (!isDealerLogin(stateOf(i.sandbox), username, password)) {
        throw new FaceError(
          401,
          'invalid-credentials',
          'Invalid credentials',
          'The SecurityTrax username or password is incorrect.',
          { pointer: '/password' },
        );
      }
      const { token, expiresAt } = issued.issue(i.sandbox);
      return ok({
        data: {
          type: 'tokens',
          id: hashToken(token).slice(0, 16),
          attributes: { token, token_type: 'Bearer', expires_at: expiresAt },
        },
        jsonapi: JSONAPI_VERSION,
      });
    },

    listCustomers: list('customers'),
    getCustomer: get('customers'),
    createCustomer: async (i) =>
      made.createCustomer.render(
        stateOf(i.sandbox),
        await dealer.createCustomer(i.sandbox, input('customers', dataOf(i)), keyed(i)),
      ),

    listIsps: list('interactive_services_providers'),
    getIsp: get('interactive_services_providers'),
    createIsp: async (i) =>
      made.createIsp.render(
        stateOf(i.sandbox),
        await dealer.createIsp(i.sandbox, input('interactive_services_providers', dataOf(i)), keyed(i)),
      ),
    updateIsp: async (i) => {
      const changes = input('interactive_services_providers', patchData(i)) as { billingIntegration?: boolean };
      const isp = await pointing('/billingIntegration', () =>
        dealer.updateIsp(i.sandbox, Number(i.path.id), changes as never),
      );
      return updated('interactive_services_providers', i.sandbox, isp);
    },

    listInvoiceLineItems: list('invoice_billable_items'),

    listRecurringInvoices: list('recurring_invoices'),
    getRecurringInvoice: get('recurring_invoices'),
    createRecurringInvoice: async (i) =>
      made.createRecurringInvoice.render(
        stateOf(i.sandbox),
        await dealer.createRecurringInvoice(i.sandbox, input('recurring_invoices', dataOf(i)), keyed(i)),
      ),
    updateRecurringInvoice: async (i) => {
      const { billingMethodId } = input('recurring_invoices', patchData(i)) as { billingMethodId: number };
      return updated(
        'recurring_invoices',
        i.sandbox,
        await dealer.updateRecurringInvoice(i.sandbox, Number(i.path.id), billingMethodId),
      );
    },

    listInvoices: list('customer_invoices'),
    getInvoice: get('customer_invoices'),
    createInvoice: async (i) =>
      made.createInvoice.render(
        stateOf(i.sandbox),
        await dealer.createInvoice(i.sandbox, input('customer_invoices', dataOf(i)), keyed(i)),
      ),

    listBillingMethods: list('customer_billings'),
    getBillingMethod: get('customer_billings'),
    createBillingMethod: async (i) => {
      const { customerId, ...method } = input('customer_billings', dataOf(i)) as { customerId: number };
      return made.createBillingMethod.render(
        stateOf(i.sandbox),
        await dealer.createBillingMethod(i.sandbox, customerId, method as never, keyed(i)),
      );
    },
    updateBillingMethod: async (i) => {
      const { expMonth, expYear } = input('customer_billings', patchData(i)) as { expMonth: number; expYear: number };
      return updated(
        'customer_billings',
        i.sandbox,
        await dealer.updateBillingMethodExpiry(i.sandbox, Number(i.path.id), { expMonth, expYear }),
      );
    },
    deleteBillingMethod: (i) => {
      find(resourceType('customer_billings'), i);
      return removePaymentMethod();
    },

    listPayments: list('customer_payments'),
    getPayment: get('customer_payments'),
    createPayment: async (i) => {
      const { payment } = await dealer.createPayment(i.sandbox, input('customer_payments', dataOf(i)), keyed(i));
      return made.createPayment.render(stateOf(i.sandbox), payment);
    },
  };
}

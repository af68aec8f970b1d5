// The SecurityTrax face's operations: thin mappings from JSON:API documents to the dealer service and back.
import { isDealerLogin } from '../../../services/authenticate.ts';
import { DomainError, notFound } from '../../../domain/errors.ts';
import { removePaymentMethod } from '../../../domain/payment-method.ts';
import type { DealerService } from '../../../services/dealer-service.ts';
import { requireSucceeded } from '../../payment-outcome.ts';
import type { BillingMethod, Customer, Invoice, Isp, Payment, RecurringInvoice } from '../../../domain/types.ts';
import type { CreatedRenderer } from '../../idempotency.ts';
import { created, ok, type Handlers, type OpInput } from '../../operation.ts';
import type { RequestBase } from '../../request-base.ts';
import { faceBaseUrl, JSONAPI_VERSION, listDocument, selfLink, singleDocument, type Rendering } from './document.ts';
import { FaceError } from './face-error.ts';
import { parseFieldsets } from './fields.ts';
import { paginate } from './pagination.ts';
import { filtered } from './query.ts';
import { parseSort, sorted } from './sort.ts';
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

/** A creating POST's resource: an id of the client's own is not supported (JSON:API: 403). */
function newData(i: OpInput): ResourceData {
  const data = dataOf(i);
  if (data.id !== undefined)
    throw new FaceError(
      403,
      'client-generated-id',
      'Client-generated id not supported',
      'This API assigns ids itself: send the resource without an id (a lid is fine).',
      { pointer: '/data/id' },
    );
  return data;
}

/** How the answer to `i` is rendered: absolute links from the URL the client used, its include and fieldsets. */
const rendering = (i: OpInput, s: State): Rendering => ({
  s,
  base: faceBaseUrl(i.base.origin, s.name),
  include: i.query.include as string | undefined,
  fields: parseFieldsets(i.query),
});

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

/** A 201 with the created resource, its absolute self link also in Location (JSON:API: they must match). */
function createdAnswer(type: string, e: { id: number }, s: State, base: RequestBase) {
  const rt = resourceType(type);
  const r: Rendering = { s, base: faceBaseUrl(base.origin, s.name) };
  return { ...created(singleDocument(rt, e, r)), headers: { location: selfLink(r, rt, e.id) } };
}

const createdDocument = <E extends { id: number }>(
  resource: CreatedRenderer<E>['resource'],
  type: string,
): CreatedRenderer<E> => ({
  resource,
  render: (s, e, base) => createdAnswer(type, e, s, base),
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
    render: (s, p, base) => createdAnswer('customer_payments', requireSucceeded(p), s, base),
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
    const r = rendering(i, s);
    const keys = parseSort(i.query.sort as string | undefined, rt);
    const all = sorted(rt, filtered(rt, rt.list(s), s, i.query.filter as string | undefined), s, keys);
    return ok(listDocument(rt, paginate(all, i.query, `${r.base}/${type}`), r));
  };
  const get = (type: string) => (i: OpInput) => {
    const rt = resourceType(type);
    const s = stateOf(i.sandbox);
    return ok(singleDocument(rt, find(rt, i), rendering(i, s)));
  };
  const updated = (type: string, i: OpInput, e: { id: number }) => {
    const s = stateOf(i.sandbox);
    return ok(singleDocument(resourceType(type), e, { s, base: faceBaseUrl(i.base.origin, s.name) }));
  };
  const made = securityTraxCreated;
  const input = (type: string, data: ResourceData) => toDomainInput(resourceType(type), data) as never;
  const render = <E>(renderer: CreatedRenderer<E>, i: OpInput, e: E) => renderer.render(stateOf(i.sandbox), e, i.base);

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
      render(made.createCustomer, i, await dealer.createCustomer(i.sandbox, input('customers', newData(i)), keyed(i))),

    listIsps: list('interactive_services_providers'),
    getIsp: get('interactive_services_providers'),
    createIsp: async (i) =>
      render(
        made.createIsp,
        i,
        await dealer.createIsp(i.sandbox, input('interactive_services_providers', newData(i)), keyed(i)),
      ),
    updateIsp: async (i) => {
      const changes = input('interactive_services_providers', patchData(i)) as { billingIntegration?: boolean };
      const isp = await pointing('/billingIntegration', () =>
        dealer.updateIsp(i.sandbox, Number(i.path.id), changes as never),
      );
      return updated('interactive_services_providers', i, isp);
    },

    listInvoiceLineItems: list('invoice_billable_items'),

    listRecurringInvoices: list('recurring_invoices'),
    getRecurringInvoice: get('recurring_invoices'),
    createRecurringInvoice: async (i) =>
      render(
        made.createRecurringInvoice,
        i,
        await dealer.createRecurringInvoice(i.sandbox, input('recurring_invoices', newData(i)), keyed(i)),
      ),
    updateRecurringInvoice: async (i) => {
      const { billingMethodId } = input('recurring_invoices', patchData(i)) as { billingMethodId: number };
      return updated(
        'recurring_invoices',
        i,
        await dealer.updateRecurringInvoice(i.sandbox, Number(i.path.id), billingMethodId),
      );
    },

    listInvoices: list('customer_invoices'),
    getInvoice: get('customer_invoices'),
    createInvoice: async (i) =>
      render(
        made.createInvoice,
        i,
        await dealer.createInvoice(i.sandbox, input('customer_invoices', newData(i)), keyed(i)),
      ),

    listBillingMethods: list('customer_billings'),
    getBillingMethod: get('customer_billings'),
    createBillingMethod: async (i) => {
      const { customerId, ...method } = input('customer_billings', newData(i)) as { customerId: number };
      return render(
        made.createBillingMethod,
        i,
        await dealer.createBillingMethod(i.sandbox, customerId, method as never, keyed(i)),
      );
    },
    updateBillingMethod: async (i) => {
      const { expMonth, expYear } = input('customer_billings', patchData(i)) as { expMonth: number; expYear: number };
      return updated(
        'customer_billings',
        i,
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
      const { payment } = await dealer.createPayment(i.sandbox, input('customer_payments', newData(i)), keyed(i));
      return render(made.createPayment, i, payment);
    },
  };
}

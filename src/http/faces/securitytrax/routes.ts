// The SecurityTrax face's commands: thin mappings from JSON:API documents to the dealer service and back.
// Its reads come from the registry (resource-routes.ts), its 201s too (created.ts).
import { DomainError } from '../../../domain/errors.ts';
import { removePaymentMethod } from '../../../domain/payment-method.ts';
import { hashToken } from '../../../services/access-tokens.ts';
import { isDealerLogin } from '../../../services/authenticate.ts';
import type { DealerService } from '../../../services/dealer-service.ts';
import type { CreatedRenderer } from '../../idempotency.ts';
import { ok, type Handlers, type RequestInput } from '../../operation.ts';
import { securityTraxCreated } from './created.ts';
import { faceBaseUrl, JSONAPI_VERSION, singleDocument } from './document.ts';
import { FaceError } from './face-error.ts';
import { pathEntity, resourceRoutes } from './resource-routes.ts';
import { billings } from './resources/billings.ts';
import { customers } from './resources/customers.ts';
import { toDomainInput, type ResourceData } from './resources/input.ts';
import { invoices } from './resources/invoices.ts';
import { isps } from './resources/isps.ts';
import { payments } from './resources/payments.ts';
import { recurringInvoices } from './resources/recurring-invoices.ts';
import type { ResourceType, State } from './resources/resource-type.ts';
import type { Tokens } from './tokens.ts';

type Deps = { dealer: DealerService; stateOf: (sandbox: string) => State; tokens: Tokens };

/** A request carrying a JSON:API document (the spec's schema for each operation is one). */
type WithDocument = { body: { data: ResourceData } };
/** Where an answer is rendered for. */
type Answering = Pick<RequestInput, 'sandbox' | 'base'>;

/** A creating POST's resource: an id of the client's own is not supported (JSON:API: 403). */
function newData(i: WithDocument): ResourceData {
  const data = i.body.data;
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

/** PATCH: the document's id must be the URL's (JSON:API: 409 otherwise). */
function patchData(i: WithDocument & { path: { id: string } }): ResourceData {
  const data = i.body.data;
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

const keyed = (i: Pick<RequestInput, 'idempotency' | 'marks'>) => ({ idempotency: i.idempotency, marks: i.marks });

export function securityTraxRoutes({ dealer, stateOf, tokens: issued }: Deps) {
  const updated = (rt: ResourceType, i: Answering, e: { id: number }) => {
    const s = stateOf(i.sandbox);
    return ok(singleDocument(rt, e, { s, base: faceBaseUrl(i.base.origin, s.name) }));
  };
  const made = securityTraxCreated;
  const input = (rt: ResourceType, data: ResourceData) => toDomainInput(rt, data) as never;
  const render = <E extends { id: number }>(renderer: CreatedRenderer<E>, i: Answering, e: E) =>
    renderer.render(stateOf(i.sandbox), e, i.base);

  const commands = {
    authenticateDealer: (i) => {
      // Plain `{ username, password }`, or a JSON:API document of them (what JSON:API clients post).
      const { username, password } = 'data' in i.body ? i.body.data.attributes : i.body;
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

    createCustomer: async (i) =>
      render(made.createCustomer, i, await dealer.createCustomer(i.sandbox, input(customers, newData(i)), keyed(i))),

    createIsp: async (i) =>
      render(made.createIsp, i, await dealer.createIsp(i.sandbox, input(isps, newData(i)), keyed(i))),
    updateIsp: async (i) => {
      const changes = input(isps, patchData(i)) as { billingIntegration?: boolean };
      const isp = await pointing('/billingIntegration', () =>
        dealer.updateIsp(i.sandbox, Number(i.path.id), changes as never, keyed(i)),
      );
      return updated(isps, i, isp);
    },

    createRecurringInvoice: async (i) =>
      render(
        made.createRecurringInvoice,
        i,
        await dealer.createRecurringInvoice(i.sandbox, input(recurringInvoices, newData(i)), keyed(i)),
      ),
    updateRecurringInvoice: async (i) => {
      const { billingMethodId } = input(recurringInvoices, patchData(i)) as { billingMethodId: number };
      return updated(
        recurringInvoices,
        i,
        await dealer.updateRecurringInvoice(i.sandbox, Number(i.path.id), billingMethodId, keyed(i)),
      );
    },

    createInvoice: async (i) =>
      render(made.createInvoice, i, await dealer.createInvoice(i.sandbox, input(invoices, newData(i)), keyed(i))),

    createBillingMethod: async (i) => {
      const { customerId, ...method } = input(billings, newData(i)) as { customerId: number };
      return render(
        made.createBillingMethod,
        i,
        await dealer.createBillingMethod(i.sandbox, customerId, method as never, keyed(i)),
      );
    },
    updateBillingMethod: async (i) => {
      const { expMonth, expYear } = input(billings, patchData(i)) as { expMonth: number; expYear: number };
      return updated(
        billings,
        i,
        await dealer.updateBillingMethodExpiry(i.sandbox, Number(i.path.id), { expMonth, expYear }, keyed(i)),
      );
    },
    deleteBillingMethod: (i) => {
      pathEntity(billings, stateOf(i.sandbox), i);
      return removePaymentMethod();
    },

    createPayment: async (i) => {
      const { payment } = await dealer.createPayment(i.sandbox, input(payments, newData(i)), keyed(i));
      return render(made.createPayment, i, payment);
    },
  } satisfies Partial<Handlers>;
  return { ...resourceRoutes(stateOf), ...commands };
}

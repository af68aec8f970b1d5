// Typed client for the Alarm.com end-user Billing API (/alarm-com/api/billing): openapi-fetch over the
// spec's generated types, so paths, parameters and bodies follow spec/openapi.yaml. Copy contracts/clients/
// into your project, or import it.
import type { operations } from '../../src/generated/openapi.ts';
import { basicAuth, bodyOf, specClient, type ClientOptions, type Schemas } from './http.ts';

type Json<
  Op extends keyof operations,
  Status extends keyof operations[Op]['responses'],
> = operations[Op]['responses'][Status] extends { content: { 'application/json': infer T } } ? T : never;
type Body<Op extends keyof operations> =
  NonNullable<operations[Op]['requestBody']> extends { content: { 'application/json': infer T } } ? T : never;

export type BillingSummary = Json<'getBillingSummary', 200>;
export type PaymentOptions = Json<'getPaymentOptions', 200>;
export type MakePayment = Body<'makePayment'>;
export type EndUserPayment = Json<'makePayment', 201>;
export type PaymentMethodState = Json<'getPaymentMethod', 200>;
export type PaymentMethodChange = Body<'changePaymentMethod'>;
export type PaymentMethodView = Schemas['PaymentMethodView'];
export type Bill = Schemas['Bill'];

export type BillingClient = {
  /** GET /summary: balance due, past-due invoices, current invoice, payment method, Auto Pay. */
  summary(): Promise<BillingSummary>;
  /** GET /payment-options: preset amounts, the custom range, the saved method. */
  paymentOptions(): Promise<PaymentOptions>;
  /** POST /payments: a one-time payment (throws PaymentDeclinedError on 402). */
  makePayment(body: MakePayment, options?: { idempotencyKey?: string }): Promise<EndUserPayment>;
  /** GET /payment-method: the Auto Pay method (or null) and Auto Pay state. */
  paymentMethod(): Promise<PaymentMethodState>;
  /** PUT /payment-method: switch method, add a new one, or update the card's expiry. */
  changePaymentMethod(body: PaymentMethodChange): Promise<PaymentMethodState>;
  /** PUT /autopay: `true` keeps Auto Pay on; `false` is always refused (409). */
  setAutoPay(enabled: boolean): Promise<PaymentMethodState>;
  /** GET /payments: payment history, newest first (failed attempts included). */
  payments(): Promise<EndUserPayment[]>;
  /** GET /payments/{id}. */
  payment(paymentId: number): Promise<EndUserPayment>;
  /** GET /bills: invoices, newest first. */
  bills(): Promise<Bill[]>;
  /** GET /bills/{id}. */
  bill(invoiceId: number): Promise<Bill>;
};

export const BILLING_PATH = '/alarm-com/api/billing';

/**
 * `createBillingClient({ baseUrl, username, password, sandbox?, fetch? })`, signed in as an Alarm.com
 * end user. Every method resolves with the 2xx body or throws a ProblemError (BillingNotConfiguredError,
 * PaymentDeclinedError, ValidationProblemError, ...) carrying the problem body.
 */
export function createBillingClient(options: ClientOptions): BillingClient {
  const headers: Record<string, string> = {
    accept: 'application/json',
    authorization: basicAuth(options.username, options.password),
    ...options.headers,
  };
  if (options.sandbox !== undefined) headers['x-sandbox'] = options.sandbox;
  const api = specClient({ baseUrl: options.baseUrl, fetch: options.fetch, headers });
  return {
    summary: async () => bodyOf(await api.GET('/alarm-com/api/billing/summary')),
    paymentOptions: async () => bodyOf(await api.GET('/alarm-com/api/billing/payment-options')),
    makePayment: async (body, { idempotencyKey } = {}) =>
      bodyOf(
        await api.POST('/alarm-com/api/billing/payments', {
          body,
          params: { header: idempotencyKey ? { 'Idempotency-Key': idempotencyKey } : {} } as never,
        }),
      ),
    paymentMethod: async () => bodyOf(await api.GET('/alarm-com/api/billing/payment-method')),
    changePaymentMethod: async (body) => bodyOf(await api.PUT('/alarm-com/api/billing/payment-method', { body })),
    setAutoPay: async (enabled) => bodyOf(await api.PUT('/alarm-com/api/billing/autopay', { body: { enabled } })),
    payments: async () => bodyOf(await api.GET('/alarm-com/api/billing/payments')).items,
    payment: async (paymentId) =>
      bodyOf(await api.GET('/alarm-com/api/billing/payments/{paymentId}', { params: { path: { paymentId } } })),
    bills: async () => bodyOf(await api.GET('/alarm-com/api/billing/bills')).items,
    bill: async (invoiceId) =>
      bodyOf(await api.GET('/alarm-com/api/billing/bills/{invoiceId}', { params: { path: { invoiceId } } })),
  };
}

// One behaviour suite, run over every transport (app.request, MSW-intercepted fetch, a real server).
// Each case works in its own sandbox, created from a scenario's starting state, and drives the typed
// client; the expected bodies are written out in full, so every transport must answer byte-for-byte
// the same JSON (and the same SOAP results and faults on the Alarm.com web services).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_INTEGRATOR_KEY } from '../../src/domain/securitytrax-access.ts';
import {
  BillingNotConfiguredError,
  createBillingClient,
  createSecurityTraxClient,
  createWebServicesClient,
  PaymentDeclinedError,
  ProblemError,
  SoapFaultError,
  ValidationProblemError,
  type BillingClient,
  type FetchLike,
} from '../../contracts/clients/index.ts';

type Transport = { baseUrl: string; fetch: FetchLike; close?: () => Promise<void> | void };
export type BehaviourSuite = { name: string; setup: () => Promise<Transport> };

const LOGINS: Record<string, [string, string]> = {
  'declined-card': ['lee', 'lee-pass'],
  'three-past-due': ['jane', 'jane-pass'],
  'billing-not-configured': ['kim', 'kim-pass'],
  'no-mmr': ['bob', 'bob-pass'],
};

const visa = (id: number, last4: string, expMonth: number, expYear: number) => ({
  id,
  type: 'credit_card',
  brand: 'visa',
  last4,
  expMonth,
  expYear,
  bankName: null,
  expired: false,
  label: `Visa ending in ${last4}`,
});
const monitoring = { lineItemId: 3, description: 'Monthly monitoring', amountCents: 3999 };
const MAR_3 = '2019-03-03T09:00:00Z';

export function runBehaviourSuite({ name, setup }: BehaviourSuite): void {
  describe(`behaviour over ${name}`, () => {
    let transport: Transport;
    let count = 0;
    const sandboxes: string[] = [];

    beforeAll(async () => {
      transport = await setup();
    });
    afterAll(async () => {
      for (const s of sandboxes) await sim('DELETE', `/__sim/sandboxes/${s}`);
      await transport?.close?.();
    });

    async function sim(method: string, path: string, body?: unknown, sandbox?: string): Promise<unknown> {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (sandbox) headers['x-sandbox'] = sandbox;
      const res = await transport.fetch(`${transport.baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
      return text ? JSON.parse(text) : undefined;
    }

    /** A fresh sandbox from the scenario's `given` (clock optionally advanced) and a client signed in as its user. */
    async function given(scenario: string, advanceTo?: string): Promise<BillingClient> {
      const sandbox = `behaviour-${scenario}-${++count}`;
      await sim('POST', '/__sim/sandboxes', { name: sandbox, scenario });
      sandboxes.push(sandbox);
      if (advanceTo) await sim('POST', '/__sim/clock/advance', { to: advanceTo }, sandbox);
      const [username, password] = LOGINS[scenario]!;
      return createBillingClient({ baseUrl: transport.baseUrl, username, password, sandbox, fetch: transport.fetch });
    }

    const rejection = <T>(p: Promise<T>): Promise<unknown> =>
      p.then(
        () => expect.fail('expected a problem'),
        (e: unknown) => e,
      );

    /** A fresh sandbox from the scenario's `given`, reached by its URL prefix alone (no X-Sandbox). */
    async function sandboxUrl(scenario: string): Promise<string> {
      const sandbox = `behaviour-${scenario}-${++count}`;
      await sim('POST', '/__sim/sandboxes', { name: sandbox, scenario });
      sandboxes.push(sandbox);
      return `${transport.baseUrl}/sandboxes/${sandbox}`;
    }

    /** A fresh sandbox from the scenario's `given`, and the generated SecurityTrax client on its profile. */
    async function dealer(scenario: string, advanceTo?: string) {
      const sandbox = `behaviour-${scenario}-${++count}`;
      await sim('POST', '/__sim/sandboxes', { name: sandbox, scenario });
      sandboxes.push(sandbox);
      if (advanceTo) await sim('POST', '/__sim/clock/advance', { to: advanceTo }, sandbox);
      const st = createSecurityTraxClient({
        baseUrl: transport.baseUrl,
        profile: sandbox,
        integratorKey: DEMO_INTEGRATOR_KEY,
        username: 'dealer',
        password: 'dealer-pass',
        fetch: transport.fetch,
      });
      return { st, path: { profile: sandbox } };
    }

    it('SecurityTrax JSON:API by the profile: filtered invoices with decimal amounts, the customer included', async () => {
      const { st, path } = await dealer('three-past-due', MAR_3);
      const list = await st.GET('/securitytrax/{profile}/user/v1/customer_invoices', {
        params: { path, query: { filter: "status = 'open' OR balance > 0", include: 'customer' } },
      });
      expect(list.response.status).toBe(200);
      expect(list.data?.data.map((i) => [i.id, i.attributes.due_date, i.attributes.balance])).toEqual([
        ['1', '2019-01-03', '39.99'],
        ['2', '2019-02-03', '39.99'],
        ['3', '2019-03-03', '39.99'],
      ]);
      expect(list.data?.included?.map((r) => [r.type, r.id])).toEqual([['customers', '1']]);
    });

    it('SecurityTrax JSON:API: a refusal is an errors document; a billing method is never removed', async () => {
      const { st, path } = await dealer('three-past-due');
      const isp = await st.PATCH('/securitytrax/{profile}/user/v1/interactive_services_providers/{id}', {
        params: { path: { ...path, id: '1' } },
        body: { data: { type: 'interactive_services_providers', id: '1', attributes: { billing_integration: true } } },
      });
      expect(isp.response.status).toBe(200);
      expect(isp.data?.data.attributes.billing_integration).toBe(true);
      const refused = await st.DELETE('/securitytrax/{profile}/user/v1/customer_billings/{id}', {
        params: { path: { ...path, id: '1' } },
      });
      expect(refused.response.status).toBe(409);
      expect(refused.error?.errors).toEqual([
        expect.objectContaining({ status: '409', code: 'billing-method-cannot-be-removed' }),
      ]);
    });

    it('web services, SOAP 1.1 by the sandbox URL prefix: set the setting, read it back', async () => {
      const baseUrl = await sandboxUrl('role-cache-delay');
      const adc = createWebServicesClient({
        baseUrl,
        username: 'acme-isp',
        password: 'isp-pass',
        fetch: transport.fetch,
      });
      expect(await adc.getSecurityTraxSettings()).toEqual({
        Success: true,
        ErrorMessage: '',
        BillingIntegrationEnabled: false,
      });
      const enabled = {
        Success: true,
        ErrorMessage: '',
        BillingIntegrationEnabled: true,
        UpdatedAt: '2019-01-01T09:00:00.000Z',
      };
      expect(await adc.setSecurityTraxSettings(true)).toEqual(enabled);
      expect(await adc.getSecurityTraxSettings()).toEqual(enabled);
    });

    it('web services, SOAP 1.2: a missing role is Success=false, wrong credentials a Sender fault', async () => {
      const baseUrl = await sandboxUrl('role-missing');
      const options = { baseUrl, soapVersion: '1.2', fetch: transport.fetch } as const;
      expect(
        await createWebServicesClient({
          ...options,
          username: 'norole-isp',
          password: 'isp-pass',
        }).setSecurityTraxSettings(true),
      ).toEqual({
        Success: false,
        ErrorMessage:
          'The Alarm.com credentials "norole-isp" do not have the SecurityTrax Role. Ask Alarm.com to add the SecurityTrax Role to these credentials.',
      });
      const err = await rejection(
        createWebServicesClient({ ...options, username: 'norole-isp', password: 'wrong' }).getSecurityTraxSettings(),
      );
      expect(err).toBeInstanceOf(SoapFaultError);
      expect((err as SoapFaultError).status).toBe(400);
      expect((err as SoapFaultError).fault).toEqual({
        code: 'InvalidCredentials',
        faultcode: 'soap:Sender',
        subcode: 'InvalidCredentials',
        reason: 'The Alarm.com username or password is incorrect.',
      });
    });

    it('summary: configured, first invoice due today', async () => {
      const lee = await given('declined-card');
      expect(await lee.summary()).toEqual({
        customerId: 1,
        asOf: '2019-01-10T12:00:00.000Z',
        balanceDueCents: 4500,
        dueDate: '2019-01-10',
        balancePastDueCents: 0,
        pastDueInvoices: [],
        currentInvoice: { invoiceId: 1, invoiceDate: '2019-01-10', dueDate: '2019-01-10', balanceCents: 4500 },
        autoPay: { enabled: false, canBeDisabled: false },
        paymentMethod: null,
      });
    });

    it('summary: not configured (login not linked), with the reason', async () => {
      const kim = await given('billing-not-configured');
      const err = await rejection(kim.summary());
      expect(err).toBeInstanceOf(BillingNotConfiguredError);
      expect((err as ProblemError).problem).toEqual({
        type: 'https://trax-sim.dev/problems/billing-not-configured',
        title: 'Billing Not Configured',
        status: 409,
        detail: 'Billing Not Configured: This Alarm.com login is not linked to a SecurityTrax account.',
        reasons: [
          { code: 'login-not-linked', message: 'This Alarm.com login is not linked to a SecurityTrax account.' },
        ],
        instance: '/alarm-com/api/billing/summary',
      });
    });

    it('summary: not configured (no MMR recurring invoice), with the reason', async () => {
      const bob = await given('no-mmr');
      const err = (await rejection(bob.summary())) as BillingNotConfiguredError;
      expect(err.status).toBe(409);
      expect(err.reasons).toEqual([
        {
          code: 'no-mmr-recurring-invoice',
          message: 'The SecurityTrax account has no Recurring Invoice with the MMR (ID 3) Invoice Line Item.',
        },
      ]);
    });

    it('payment options: past due, current and full balance', async () => {
      const jane = await given('three-past-due', MAR_3);
      expect(await jane.paymentOptions()).toEqual({
        options: [
          { kind: 'past_due', label: 'Balance Past Due', amountCents: 7998 },
          { kind: 'current_balance', label: 'Current Balance', amountCents: 3999 },
          { kind: 'full_balance', label: 'Full Balance', amountCents: 11997 },
        ],
        custom: { minCents: 1, maxCents: 11997 },
        savedMethod: visa(1, '0002', 12, 2030),
      });
    });

    it('bills: newest first, with their status', async () => {
      const jane = await given('three-past-due', MAR_3);
      expect(await jane.bills()).toEqual([
        {
          id: 3,
          invoiceDate: '2019-03-03',
          dueDate: '2019-03-03',
          totalCents: 3999,
          balanceCents: 3999,
          status: 'open',
          lines: [monitoring],
        },
        {
          id: 2,
          invoiceDate: '2019-02-03',
          dueDate: '2019-02-03',
          totalCents: 3999,
          balanceCents: 3999,
          status: 'past_due',
          lines: [monitoring],
        },
        {
          id: 1,
          invoiceDate: '2019-01-03',
          dueDate: '2019-01-03',
          totalCents: 3999,
          balanceCents: 3999,
          status: 'past_due',
          lines: [monitoring],
        },
      ]);
    });

    it('partial payment goes to the oldest invoice first; its detail shows the same', async () => {
      const jane = await given('three-past-due', MAR_3);
      const payment = await jane.makePayment({
        amountCents: 5000,
        newBillingMethod: {
          type: 'credit_card',
          card: { number: '4242 4242 4242 4242', expMonth: 8, expYear: 2031, cvv: '123', holderName: 'Jane Doe' },
        },
      });
      const expected = {
        id: 4,
        amountCents: 5000,
        createdAt: '2019-03-03T09:00:00.000Z',
        status: 'succeeded',
        failureReason: null,
        source: 'one_time',
        method: visa(2, '4242', 8, 2031),
        allocations: [
          { invoiceId: 1, invoiceDueDate: '2019-01-03', amountCents: 3999 },
          { invoiceId: 2, invoiceDueDate: '2019-02-03', amountCents: 1001 },
        ],
      };
      expect(payment).toEqual(expected);
      expect(await jane.payment(payment.id)).toEqual(expected);
      expect(await jane.summary()).toMatchObject({
        balanceDueCents: 6997,
        balancePastDueCents: 2998,
        dueDate: '2019-02-03',
        pastDueInvoices: [{ invoiceId: 2, invoiceDate: '2019-02-03', dueDate: '2019-02-03', balanceCents: 2998 }],
        currentInvoice: { invoiceId: 3, invoiceDate: '2019-03-03', dueDate: '2019-03-03', balanceCents: 3999 },
      });
    });

    it('declined payment: 402 problem, no balance change, the attempt is in the history', async () => {
      const lee = await given('declined-card');
      const err = await rejection(
        lee.makePayment({
          amountCents: 4500,
          newBillingMethod: {
            type: 'credit_card',
            card: { number: '4000 0000 0000 0002', expMonth: 1, expYear: 2030, holderName: 'Lee Chan' },
          },
        }),
      );
      expect(err).toBeInstanceOf(PaymentDeclinedError);
      expect((err as ProblemError).problem).toEqual({
        type: 'https://trax-sim.dev/problems/payment-declined',
        title: 'Payment declined',
        status: 402,
        detail: 'The card was declined. No balance was changed.',
        paymentId: 1,
        reason: 'card_declined',
        instance: '/alarm-com/api/billing/payments',
      });
      expect(await lee.summary()).toMatchObject({ balanceDueCents: 4500, balancePastDueCents: 0, paymentMethod: null });
      expect(await lee.payments()).toEqual([
        {
          id: 1,
          amountCents: 4500,
          createdAt: '2019-01-10T12:00:00.000Z',
          status: 'failed',
          failureReason: 'card_declined',
          source: 'one_time',
          method: visa(1, '0002', 1, 2030),
          allocations: [],
        },
      ]);
    });

    it('change card: the new card becomes the Auto Pay method', async () => {
      const lee = await given('declined-card');
      const expected = { paymentMethod: visa(1, '4242', 6, 2031), autoPay: { enabled: true, canBeDisabled: false } };
      expect(
        await lee.changePaymentMethod({
          newBillingMethod: {
            type: 'credit_card',
            card: { number: '4242424242424242', expMonth: 6, expYear: 2031, cvv: '999', holderName: 'Lee Chan' },
          },
        }),
      ).toEqual(expected);
      expect(await lee.paymentMethod()).toEqual(expected);
    });

    it('an unknown payment is a 404 problem', async () => {
      const lee = await given('declined-card');
      const err = await rejection(lee.payment(999));
      expect(err).toBeInstanceOf(ProblemError);
      expect((err as ProblemError).problem).toEqual({
        type: 'https://trax-sim.dev/problems/not-found',
        title: 'Not found',
        status: 404,
        detail: 'Payment 999 does not exist.',
        instance: '/alarm-com/api/billing/payments/999',
      });
    });

    it('an invalid amount is a 422 validation problem with field errors', async () => {
      const lee = await given('declined-card');
      const err = await rejection(lee.makePayment({ amountCents: 0 }));
      expect(err).toBeInstanceOf(ValidationProblemError);
      expect((err as ProblemError).problem).toEqual({
        type: 'https://trax-sim.dev/problems/validation-failed',
        title: 'Request does not match the API',
        status: 422,
        detail: '/body/amountCents must be >= 1',
        errors: [{ path: '/body/amountCents', message: 'must be >= 1' }],
        instance: '/alarm-com/api/billing/payments',
      });
      expect((await lee.summary()).balanceDueCents).toBe(4500);
    });
  });
}

// Speaking the SecurityTrax face (JSON:API) in tests: integrator key, a dealer token, request documents.
import { DEMO_INTEGRATOR_KEY } from '../../src/domain/securitytrax-access.ts';
import type { Reply, TestApp } from './test-app.ts';

export const ST_KEY = DEMO_INTEGRATOR_KEY;
export const JSON_API = 'application/vnd.api+json';
export const stBase = (profile = 'default') => `/securitytrax/${profile}/user/v1`;

type Linkage = { type: string; id: string } | null;
export const link = (type: string, id: number | string | null): { data: Linkage } => ({
  data: id === null ? null : { type, id: String(id) },
});
export const links = (type: string, ids: (number | string)[]) => ({
  data: ids.map((id) => ({ type, id: String(id) })),
});

export type DealerApi = {
  base: string;
  headers(): Promise<Record<string, string>>;
  get(path: string): Promise<Reply>;
  post(path: string, data: unknown, extra?: Record<string, string>): Promise<Reply>;
  patch(path: string, data: unknown): Promise<Reply>;
  del(path: string): Promise<Reply>;
};

/** A dealer session on `profile` (authenticates once, as the sandbox's dealer user). */
export function dealerApi(
  t: Pick<TestApp, 'call'>,
  { profile = 'default', username = 'dealer', password = 'dealer-pass', key = ST_KEY } = {},
): DealerApi {
  const base = stBase(profile);
  let token: string | undefined;
  const headers = async (): Promise<Record<string, string>> => {
    if (!token) {
      const r = await t.call('POST', `${base}/authenticate`, {
        body: { username, password },
        headers: { 'x-securitytrax-integratorkey': key, 'content-type': 'application/json' },
      });
      if (r.status !== 200) throw new Error(`authenticate failed: ${r.status} ${JSON.stringify(r.body)}`);
      token = r.body.data.attributes.token as string;
    }
    return {
      'x-securitytrax-integratorkey': key,
      authorization: `Bearer ${token}`,
      'content-type': JSON_API,
      accept: JSON_API,
    };
  };
  const send = async (method: string, path: string, data?: unknown, extra: Record<string, string> = {}) =>
    t.call(method, `${base}${path}`, {
      headers: { ...(await headers()), ...extra },
      body: data === undefined ? undefined : { data },
    });
  return {
    base,
    headers,
    get: (path) => send('GET', path),
    post: (path, data, extra) => send('POST', path, data, extra),
    patch: (path, data) => send('PATCH', path, data),
    del: (path) => send('DELETE', path),
  };
}

/** A resource object as a flat record: id (number), attributes, to-one relationship ids as `<name>_id`. */
export function flat(resource: {
  id: string;
  attributes: Record<string, unknown>;
  relationships?: Record<string, { data: unknown }>;
}): Record<string, any> {
  const out: Record<string, unknown> = { id: Number(resource.id), ...resource.attributes };
  for (const [name, rel] of Object.entries(resource.relationships ?? {})) {
    const d = rel.data as Linkage | Linkage[];
    if (!Array.isArray(d)) out[`${name}_id`] = d === null ? null : Number(d.id);
  }
  return out;
}

/** A `call` over a real server (fetch), for dealerApi against startServer / the CLI. */
export function fetchCall(
  url: string,
  onAnswer?: (status: number, headers: Headers, text: string) => void,
): Pick<TestApp, 'call'> {
  return {
    async call(method, path, { body, rawBody, headers = {}, auth } = {}) {
      const h: Record<string, string> = { ...headers };
      if (auth) h.authorization = auth;
      const payload = rawBody ?? (body === undefined ? undefined : JSON.stringify(body));
      if (payload !== undefined) h['content-type'] ??= 'application/json';
      const res = await fetch(`${url}${path}`, { method, headers: h, body: payload });
      const text = await res.text();
      onAnswer?.(res.status, res.headers, text);
      let parsed: unknown = text;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        /* keep text */
      }
      return { status: res.status, body: parsed, headers: res.headers };
    },
  };
}

type DomainMethod =
  | {
      type: 'credit_card';
      card: { number: string; expMonth: number; expYear: number; cvv?: string; holderName: string };
    }
  | {
      type: 'bank_account';
      bankAccount: {
        routingNumber: string;
        accountNumber: string;
        accountType: string;
        bankName?: string;
        holderName: string;
      };
    };

/** The `customer_billings` resource a domain-shaped billing method input stands for. */
export function billingData(customerId: number, m: DomainMethod) {
  const attributes =
    m.type === 'credit_card'
      ? {
          billing_type: 'credit_card',
          card_number: m.card.number,
          exp_month: m.card.expMonth,
          exp_year: m.card.expYear,
          holder_name: m.card.holderName,
          ...(m.card.cvv ? { cvv: m.card.cvv } : {}),
        }
      : {
          billing_type: 'bank_account',
          routing_number: m.bankAccount.routingNumber,
          account_number: m.bankAccount.accountNumber,
          account_type: m.bankAccount.accountType,
          holder_name: m.bankAccount.holderName,
          ...(m.bankAccount.bankName ? { bank_name: m.bankAccount.bankName } : {}),
        };
  return { type: 'customer_billings', attributes, relationships: { customer: link('customers', customerId) } };
}

/**
 * `count` recurring invoices of $1.00 for demo customer 3 (sale 2019-03-01, first invoice 2019-04-01), through
 * the dealer API: a month's advance then has many events to page through.
 */
export async function addRecurringInvoices(st: DealerApi, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const data = {
      type: 'recurring_invoices',
      attributes: {
        sale_date: '2019-03-01',
        start_date: '2019-04-01',
        lines: [{ invoice_billable_item_id: '4', amount: '1.00' }],
      },
      relationships: { customer: link('customers', 3) },
    };
    const r = await st.post('/recurring_invoices', data);
    if (r.status !== 201) throw new Error(`recurring invoice refused: ${r.status} ${JSON.stringify(r.body)}`);
  }
}

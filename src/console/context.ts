// Per-request context of a console page: the sandbox (always carried as ?sandbox=), links that keep
// it, and the flash/problem a redirect-after-post left in the query string.
import type { Context } from 'hono';
import type { Services } from '../services/services.ts';
import { DomainError } from '../domain/errors.ts';
import type { Eligibility } from '../domain/eligibility.ts';
import type { AdcLogin, Customer } from '../domain/types.ts';

/** A problem as the API would state it (for the Details disclosure) plus its stable code. */
export type ProblemView = { code: string; title: string; detail: string; fields: string[]; reasons: string[] };

export type ConsoleCx = {
  services: Services;
  sandbox: string;
  /** Every sandbox's name, for the sandbox picker. */
  sandboxNames: readonly string[];
  path: string;
  query: URLSearchParams;
  flash: string | null;
  problem: ProblemView | null;
  /** A console link on the same sandbox. */
  href(path: string, params?: Params): string;
};

/** The end user a billing page of the console is about. */
export type EndUser = { loginId: number; login: AdcLogin; customer: Customer | null; eligibility: Eligibility };

export type Params = Record<string, string | number | null | undefined>;

/** `path?sandbox=..&k=v`; null/undefined params are left out. */
export function linkTo(path: string, sandbox: string, params: Params = {}): string {
  const [base, hash] = path.split('#');
  const q = new URLSearchParams({ sandbox });
  for (const [k, v] of Object.entries(params)) if (v !== null && v !== undefined) q.set(k, String(v));
  return `${base}?${q.toString()}${hash ? `#${hash}` : ''}`;
}

/** What a DomainError says, as the API's problem would: title, detail, field errors, reasons. */
export function problemOf(err: DomainError): ProblemView {
  const errors = Array.isArray(err.extensions.errors)
    ? (err.extensions.errors as { path: string; message: string }[])
    : [];
  const reasons = Array.isArray(err.extensions.reasons) ? (err.extensions.reasons as { message: string }[]) : [];
  return {
    code: err.code,
    title: err.title,
    detail: err.message,
    fields: errors.map((e) => `${e.path} ${e.message}`),
    reasons: reasons.map((r) => r.message),
  };
}

/** The query-string form of a problem, for redirect-after-post. */
export function problemParams(p: ProblemView): URLSearchParams {
  const q = new URLSearchParams({ error: p.title, code: p.code, detail: p.detail });
  for (const f of p.fields) q.append('field', f);
  for (const r of p.reasons) q.append('reason', r);
  return q;
}

function problemFromQuery(q: URLSearchParams): ProblemView | null {
  const title = q.get('error');
  if (!title) return null;
  return {
    code: q.get('code') ?? '',
    title,
    detail: q.get('detail') ?? '',
    fields: q.getAll('field'),
    reasons: q.getAll('reason'),
  };
}

/** The page's context, its sandbox made current first (pages then read it synchronously). */
export async function consoleCx(c: Context, services: Services): Promise<ConsoleCx> {
  const query = new URL(c.req.url).searchParams;
  const sandbox = services.sandboxes.nameOf(query.get('sandbox') || undefined);
  await services.sandboxes.sync(sandbox);
  return {
    services,
    sandbox,
    sandboxNames: await services.sim.sandboxNames(),
    path: c.req.path,
    query,
    flash: query.get('flash'),
    problem: problemFromQuery(query),
    href: (path, params) => linkTo(path, sandbox, params),
  };
}

/** The `login` query parameter as a login id. */
export function loginIdOf(cx: ConsoleCx): number {
  const raw = cx.query.get('login') ?? '';
  if (!/^\d+$/.test(raw)) {
    throw new DomainError(
      'bad_request',
      'login-required',
      'Choose a login',
      'Open the Billing screen from the list of logins on the home page (?login=<loginId>).',
    );
  }
  return Number(raw);
}

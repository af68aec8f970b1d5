import { decimalToCents } from '../domain/money.ts';
import type { Setup } from '../seeds/setup.ts';
import { describeMismatches, match, missingInOrder, type Mismatch } from './match.ts';
import type { Step } from './scenario-types.ts';
import { authorizationFor } from './step-request.ts';

export type Reply = { status: number; body: unknown };
type Check = { passed: boolean; message: string | null; expected: unknown; actual: unknown };
type Ctx = {
  step: Step;
  reply: Reply | null;
  emitted: string[];
  given: Setup;
  send: (r: Request) => Promise<Reply>;
  sandbox: string;
  problemBase: string;
  /** The run's SecurityTrax dealer session (integrator key, bearer token). */
  dealerHeaders: () => Promise<Record<string, string>>;
};

/** Compares a step's `expect` with what happened; every difference is reported, path by path. */
export async function checkExpectations(ctx: Ctx): Promise<Check> {
  const { step, reply, emitted } = ctx;
  const e = step.expect ?? {};
  const expected: Record<string, unknown> = {};
  const actual: Record<string, unknown> = {};
  const mismatches: Mismatch[] = [];
  const compare = (key: string, want: unknown, got: unknown, partial = true) => {
    expected[key] = want;
    actual[key] = got;
    const found = partial
      ? match(want, got, `/${key}`)
      : Object.is(want, got)
        ? []
        : [{ path: `/${key}`, expected: want, actual: got }];
    mismatches.push(...found);
  };
  const body = reply?.body as Record<string, unknown> | undefined;

  if (reply) {
    if (e.status !== undefined) compare('status', e.status, reply.status);
    // Without an explicit status, a step that fails is a failure: scenarios never hide errors.
    else if (reply.status >= 400) compare('status', 'a 2xx status', reply.status, false);
  }
  // A problem+json `type`, or the first JSON:API error's `code` (SecurityTrax face).
  const errors = body?.errors as { code?: string }[] | undefined;
  if (e.problem !== undefined && Array.isArray(errors) && typeof body?.type !== 'string')
    compare('problem', e.problem, errors[0]?.code, false);
  else if (e.problem !== undefined) compare('problem', `${ctx.problemBase}${e.problem}`, body?.type, false);
  if (e.reasons !== undefined) {
    const codes = ((body?.reasons as { code: string }[] | undefined) ?? []).map((r) => r.code).sort();
    compare('reasons', [...e.reasons].sort(), codes);
  }
  if (e.body !== undefined) compare('body', e.body, body);
  if (e.balances) {
    const { as, ...want } = e.balances;
    const req = new Request('http://trax-sim.local/alarm-com/api/billing/summary', {
      headers: { 'x-sandbox': ctx.sandbox, authorization: authorizationFor(as, ctx.given, ['endUserBasic'])! },
    });
    const summary = await ctx.send(req);
    compare('balances', want, summary.body);
  }
  if (e.invoices) {
    const headers = await ctx.dealerHeaders();
    const got: Record<string, unknown> = {};
    const want: Record<string, unknown> = {};
    for (const [id, w] of Object.entries(e.invoices)) {
      const r = await ctx.send(
        new Request(`http://trax-sim.local/securitytrax/${ctx.sandbox}/user/v1/customer_invoices/${id}`, { headers }),
      );
      const inv = (r.body as { data?: { attributes?: { status?: string; balance?: string } } } | undefined)?.data
        ?.attributes;
      want[id] = typeof w === 'string' ? { status: w } : w;
      got[id] =
        r.status === 200
          ? { status: inv?.status, balanceCents: inv?.balance === undefined ? undefined : decimalToCents(inv.balance) }
          : `HTTP ${r.status}`;
    }
    compare('invoices', want, got);
  }
  if (e.events !== undefined) {
    expected.events = e.events;
    actual.events = emitted;
    const missing = missingInOrder(e.events, emitted);
    if (missing)
      mismatches.push({ path: '/events', expected: `${missing} (in order: ${e.events.join(', ')})`, actual: emitted });
  }
  if (e.noEvents !== undefined) {
    const unwanted = emitted.filter((t) => e.noEvents!.includes(t));
    if (unwanted.length)
      mismatches.push({ path: '/noEvents', expected: `none of ${e.noEvents.join(', ')}`, actual: unwanted });
  }
  if (mismatches.length && reply && !('body' in expected)) actual.response = { status: reply.status, body: reply.body };
  return {
    passed: mismatches.length === 0,
    message: mismatches.length ? describeMismatches(mismatches) : null,
    expected,
    actual,
  };
}

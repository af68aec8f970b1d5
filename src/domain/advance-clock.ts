import { cardExpiresAt } from './card.ts';
import { addDays, startOfDay, toInstant } from './dates.ts';
import { invalid } from './errors.ts';
import type { Ctx, IdGen } from './ids.ts';
import { applyPatch, workingCopy, type CommandResult, type CopyProbe, type Patch } from './patch.ts';
import { chargeAutoPay } from './payments.ts';
import { byId } from './lookup.ts';
import { event } from './events.ts';
import { generateInvoice, isScheduleFinished } from './recurring.ts';
import { autoPayAttemptAt } from './auto-pay.ts';
import { roleCacheReadyAt } from './role-cache.ts';
import type { Collections, Invoice, IsoInstant, SandboxState, SimEvent } from './types.ts';

// Runs everything due up to the target, one action at a time, in (time, kind, id) order
// (docs/architecture.md, Time). Candidates are found with one scan per collection and kept in a
// heap; each action pushes only its own follow-ups, so a large state is never rescanned. The working
// state shares the sandbox's lists and copies a list once, on its first write (never per action).

/** Actions one advance may run on a sandbox without recurring invoices (a runaway-advance guard). */
export const MAX_ACTIONS = 100_000;
/** Added per recurring invoice: about a year of invoice + Auto Pay + past due, so a big dealer's month fits. */
export const ACTIONS_PER_RECURRING_INVOICE = 40;

/** The guard scales with the sandbox: a 100,000-customer month is ~250,000 actions. */
export const actionLimit = (state: Readonly<SandboxState>): number => MAX_ACTIONS + ACTIONS_PER_RECURRING_INVOICE * state.recurringInvoices.length;

// Tie-break order at the same instant.
const Kind = { Generate: 1, AutoPay: 2, PastDue: 3, RoleCache: 4, CardExpiry: 5 } as const;
type Kind = (typeof Kind)[keyof typeof Kind];
type Action = { at: IsoInstant; kind: Kind; id: number };

export type AdvanceResult = { from: IsoInstant; now: IsoInstant; events: SimEvent[]; actions: number };

/**
 * A long advance is run as several steps (see the sim service); only its last step announces the whole
 * advance with one `clock.advanced` event, from where it started and counting every step's actions.
 * The action limit bounds one step.
 */
export type AdvanceStep = { announce: false } | { announce: true; from: IsoInstant; actionsBefore: number };

export function advanceClock(state: Readonly<SandboxState>, target: IsoInstant, ctx: { ids: IdGen; probe?: CopyProbe }, step?: AdvanceStep): CommandResult<AdvanceResult> {
  const from = toInstant(state.now);
  const to = toInstant(target);
  if (to < from) {
    throw invalid('clock-cannot-go-back', 'Clock cannot go back', `The clock is at ${from}; ${to} is in the past.`, [
      { path: '/to', message: `must not be before ${from}` },
    ]);
  }
  const work = workingCopy(state, ctx.probe);
  const limit = actionLimit(state);
  const guard = (count: number): void => {
    if (count > limit) {
      throw invalid('advance-too-far', 'Advance too far', `More than ${limit} actions fall due in one step of the advance (at most a month).`);
    }
  };
  // One instant string per day: every action of a day shares it (as its time, and in what it stores).
  const days = new Map<string, IsoInstant>();
  const dayStart = (date: string): IsoInstant => {
    let at = days.get(date);
    if (at === undefined) days.set(date, (at = startOfDay(date)));
    return at;
  };
  const nextDays = new Map<string, IsoInstant>();
  const dayAfter = (date: string): IsoInstant => {
    let at = nextDays.get(date);
    if (at === undefined) nextDays.set(date, (at = dayStart(addDays(date, 1))));
    return at;
  };
  const queue = new ActionQueue();
  const push = (at: IsoInstant, kind: Kind, id: number): void => {
    if (at <= to) queue.push({ at, kind, id }); // canonical ISO strings sort as instants
  };
  const autoPayAt = (inv: Invoice): IsoInstant | null =>
    autoPayAttemptAt(inv, inv.recurringInvoiceId === null ? undefined : byId(work.recurringInvoices, inv.recurringInvoiceId));
  // Auto Pay tries an invoice on its due date only: one that came due before this advance started
  // (before a billing method was set) is left for a one-time payment. Invoices generated during the
  // advance get their due-date step even when a backdated schedule makes it late.
  const pushInvoice = (inv: Invoice, generated: boolean): void => {
    if (inv.balanceCents <= 0) return;
    const autoPay = autoPayAt(inv);
    if (autoPay !== null && (generated || autoPay >= from)) push(autoPay, Kind.AutoPay, inv.id);
    if (inv.status === 'open') push(dayAfter(inv.dueDate), Kind.PastDue, inv.id);
  };

  for (const ri of work.recurringInvoices) if (!isScheduleFinished(ri)) push(dayStart(ri.nextInvoiceDate), Kind.Generate, ri.id);
  for (const inv of work.invoices) pushInvoice(inv, false);
  for (const isp of work.isps) {
    const readyAt = roleCacheReadyAt(isp, work.settings.roleCacheMinutes);
    if (readyAt !== null) push(new Date(readyAt).toISOString(), Kind.RoleCache, isp.id);
  }
  for (const bm of work.billingMethods) {
    if (bm.type === 'credit_card' && bm.card && !bm.expired) push(new Date(cardExpiresAt(bm.card.expMonth, bm.card.expYear)).toISOString(), Kind.CardExpiry, bm.id);
  }

  const out = new PatchCollector();
  const apply = (patch: Patch): void => {
    // Nothing in an advance reads the events: they go to the result only (no copy of the sandbox's list).
    applyPatch(work, patch, { events: false });
    out.add(patch);
  };
  let count = 0;
  for (let action = queue.pop(); action; action = queue.pop()) {
    // Something due before the clock's start (e.g. a backdated start date) happens as soon as possible.
    const c: Ctx = { now: action.at < from ? from : action.at, ids: ctx.ids };
    const { kind, id } = action;
    if (kind === Kind.Generate) {
      const ri = byId(work.recurringInvoices, id);
      if (!ri || isScheduleFinished(ri) || dayStart(ri.nextInvoiceDate) !== action.at) continue;
      guard(++count);
      const { patch, result } = generateInvoice(work, id, c);
      apply(patch);
      const next = byId(work.recurringInvoices, id);
      if (next && !isScheduleFinished(next)) push(dayStart(next.nextInvoiceDate), Kind.Generate, id);
      pushInvoice(result, true);
    } else if (kind === Kind.AutoPay) {
      const inv = byId(work.invoices, id);
      if (!inv || autoPayAt(inv) === null) continue;
      guard(++count);
      apply(chargeAutoPay(autoPayView(work, inv), id, c).patch);
    } else if (kind === Kind.PastDue) {
      const inv = byId(work.invoices, id);
      if (!inv || inv.balanceCents <= 0 || inv.status !== 'open') continue;
      guard(++count);
      const e = event(c, 'invoice.past_due', { invoiceId: id, customerId: inv.customerId, dueDate: inv.dueDate, balanceCents: inv.balanceCents });
      apply({ upsert: { invoices: [{ ...inv, status: 'past_due' }] }, events: [e] });
    } else if (kind === Kind.RoleCache) {
      const isp = byId(work.isps, id);
      if (!isp || !isp.billingIntegration || isp.roleCacheRefreshedAt !== null) continue;
      guard(++count);
      apply({ upsert: { isps: [{ ...isp, roleCacheRefreshedAt: c.now }] }, events: [event(c, 'role_cache.refreshed', { ispId: id })] });
    } else {
      const bm = byId(work.billingMethods, id);
      if (!bm || bm.expired) continue;
      guard(++count);
      const e = event(c, 'billing_method.expired', { billingMethodId: id, customerId: bm.customerId });
      apply({ upsert: { billingMethods: [{ ...bm, expired: true }] }, events: [e] });
    }
  }

  const announce = step ?? { announce: true, from, actionsBefore: 0 };
  if (announce.announce) {
    const done = event({ now: to, ids: ctx.ids }, 'clock.advanced', { from: announce.from, to, actions: announce.actionsBefore + count });
    out.add({ events: [done] });
  }
  out.add({ now: to });
  const patch = out.patch();
  return { patch, result: { from, now: to, events: patch.events ?? [], actions: count } };
}

/**
 * Auto Pay concerns one invoice, its recurring invoice and that one's method. chargeAutoPay looks
 * them up with linear finds, so it gets just those (found by binary search): otherwise a month of
 * Auto Pay over 100k invoices is quadratic.
 */
function autoPayView(work: SandboxState, inv: Invoice): SandboxState {
  const ri = inv.recurringInvoiceId === null ? undefined : byId(work.recurringInvoices, inv.recurringInvoiceId);
  const bm = ri?.billingMethodId == null ? undefined : byId(work.billingMethods, ri.billingMethodId);
  return { ...work, invoices: [inv], recurringInvoices: ri ? [ri] : [], billingMethods: bm ? [bm] : [] };
}

/** mergePatches semantics (later upsert of an id wins, first position kept) in linear time. */
class PatchCollector {
  private readonly upserts = new Map<keyof Collections, Map<number, { id: number }>>();
  private readonly events: SimEvent[] = [];
  private now: IsoInstant | undefined;
  private faults: Patch['faults'];
  private settings: Patch['settings'];

  add(p: Patch): void {
    for (const [key, list] of Object.entries(p.upsert ?? {}) as [keyof Collections, { id: number }[]][]) {
      let byKey = this.upserts.get(key);
      if (!byKey) this.upserts.set(key, (byKey = new Map()));
      for (const e of list) byKey.set(e.id, e);
    }
    if (p.events) for (const e of p.events) this.events.push(e);
    if (p.now !== undefined) this.now = p.now;
    if (p.faults !== undefined) this.faults = p.faults; // Auto Pay can consume declineNextCharges
    if (p.settings !== undefined) this.settings = p.settings;
  }

  patch(): Patch {
    const upsert: Record<string, unknown[]> = {};
    for (const [key, byKey] of this.upserts) upsert[key] = [...byKey.values()];
    const patch: Patch = { events: this.events };
    if (this.upserts.size) patch.upsert = upsert as Patch['upsert'];
    if (this.now !== undefined) patch.now = this.now;
    if (this.faults !== undefined) patch.faults = this.faults;
    if (this.settings !== undefined) patch.settings = this.settings;
    return patch;
  }
}

const before = (a: Action, b: Action): boolean => (a.at !== b.at ? a.at < b.at : a.kind !== b.kind ? a.kind < b.kind : a.id < b.id);

/** Binary min-heap of actions by (time, kind, id). */
class ActionQueue {
  private readonly heap: Action[] = [];

  push(a: Action): void {
    const h = this.heap;
    let i = h.push(a) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a, h[parent] as Action)) break;
      h[i] = h[parent] as Action;
      i = parent;
    }
    h[i] = a;
  }

  pop(): Action | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && before(h[r] as Action, h[l] as Action) ? r : l;
      if (!before(h[child] as Action, last)) break;
      h[i] = h[child] as Action;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

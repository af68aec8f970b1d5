import { cardExpiresAt } from './card.ts';
import { startOfDay, toInstant } from './dates.ts';
import { invalid } from './errors.ts';
import type { Ctx, IdGen } from './ids.ts';
import { ActionQueue, Kind } from './advance-queue.ts';
import { applyPatch, mergePatches, workingCopy, type CommandResult, type CopyProbe, type Patch } from './patch.ts';
import { chargeAutoPay } from './payments.ts';
import { byId } from './by-id.ts';
import { event } from './events.ts';
import { fallPastDue, pastDueDate } from './invoice-status.ts';
import { BILLING_METHOD, transition } from './state-machine.ts';
import { generateInvoice, isScheduleFinished } from './recurring.ts';
import { autoPayAttemptAt, isAttemptInAdvance } from './auto-pay.ts';
import { roleCacheReadyAt } from './role-cache.ts';
import type { Reader } from './reader.ts';
import type { Invoice, IsoInstant, SandboxState, SimEvent } from './types.ts';

// Runs everything due up to the target, one action at a time, in (time, kind, id) order
// (docs/architecture.md, Time). Candidates are found with one scan per collection and kept in a
// heap; each action pushes only its own follow-ups, so a large state is never rescanned. The working
// state shares the sandbox's lists and copies a list once, on its first write (never per action).

/** Actions one advance may run on a sandbox without recurring invoices (a runaway-advance guard). */
export const MAX_ACTIONS = 100_000;
/** Added per recurring invoice: about a year of invoice + Auto Pay + past due, so a big dealer's month fits. */
const ACTIONS_PER_RECURRING_INVOICE = 40;

/** The guard scales with the sandbox: a 100,000-customer month is ~250,000 actions. */
export const actionLimit = (state: Readonly<SandboxState>): number =>
  MAX_ACTIONS + ACTIONS_PER_RECURRING_INVOICE * state.recurringInvoices.length;

export type AdvanceResult = { from: IsoInstant; now: IsoInstant; events: SimEvent[]; actions: number };

/**
 * A long advance is run as several steps (see the sim service); only its last step announces the whole
 * advance with one `clock.advanced` event, from where it started and counting every step's actions.
 * The action limit bounds one step.
 */
export type AdvanceStep = { announce: false } | { announce: true; from: IsoInstant; actionsBefore: number };

/** Entities looked at, per action of a chunk, while the advance first looks over the sandbox. */
const SCANS_PER_ACTION = 10;

export type AdvanceCtx = { ids: IdGen; read: Reader; probe?: CopyProbe };

export function advanceClock(
  state: Readonly<SandboxState>,
  target: IsoInstant,
  ctx: AdvanceCtx,
  step?: AdvanceStep,
): CommandResult<AdvanceResult> {
  // One chunk holds the whole advance (no action limit per chunk).
  const only = advanceClockSteps(state, target, ctx, { step }).next();
  if (only.done) throw new Error('advanceClockSteps ended without a chunk');
  return only.value;
}

/** One chunk of an advance; `done` on the last (the one that moves the clock to the target). */
export type AdvanceChunk = CommandResult<AdvanceResult & { done: boolean }>;

/**
 * The advance as a sequence of chunks of at most `maxActions` actions each, for a caller that commits
 * each chunk and yields to the event loop in between (the sim service). Between chunks the generator
 * keeps its queue and working copy, so the caller must apply each chunk's patch to the sandbox and let
 * nothing else change it until the last chunk. `next(ids)` gives the id generator of the next chunk (the
 * one of the chunk's own command). A chunk before the last moves the clock to its last action's time
 * (never back); the last moves it to the target and, if announced, adds `clock.advanced`. The chunks'
 * patches applied in order give the same state as advanceClock's one patch.
 */
export function* advanceClockSteps(
  state: Readonly<SandboxState>,
  target: IsoInstant,
  ctx: AdvanceCtx,
  options: { maxActions?: number; step?: AdvanceStep | undefined } = {},
): Generator<AdvanceChunk, void, IdGen | undefined> {
  const maxActions = options.maxActions ?? Infinity;
  const step = options.step;
  let ids = ctx.ids;
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
      throw invalid(
        'advance-too-far',
        'Advance too far',
        `More than ${limit} actions fall due in one step of the advance (at most a month).`,
      );
    }
  };
  // One instant string per day: every action of a day shares it (as its time, and in what it stores).
  const days = new Map<string, IsoInstant>();
  const dayStart = (date: string): IsoInstant => {
    let at = days.get(date);
    if (at === undefined) days.set(date, (at = startOfDay(date)));
    return at;
  };
  const pastDueDays = new Map<string, IsoInstant>();
  const pastDueFrom = (dueDate: string): IsoInstant => {
    let at = pastDueDays.get(dueDate);
    if (at === undefined) pastDueDays.set(dueDate, (at = dayStart(pastDueDate(dueDate))));
    return at;
  };
  const queue = new ActionQueue();
  const push = (at: IsoInstant, kind: Kind, id: number): void => {
    if (at <= to) queue.push({ at, kind, id }); // canonical ISO strings sort as instants
  };
  const autoPayAt = (inv: Invoice): IsoInstant | null =>
    autoPayAttemptAt(
      inv,
      inv.recurringInvoiceId === null ? undefined : byId(work.recurringInvoices, inv.recurringInvoiceId),
    );
  // Auto Pay tries an invoice on its due date only: one that came due before this advance started
  // (before a billing method was set) is left for a one-time payment. Invoices generated during the
  // advance get their due-date step even when a backdated schedule makes it late.
  const pushInvoice = (inv: Invoice, generated: boolean): void => {
    if (inv.balanceCents <= 0) return;
    const autoPay = autoPayAt(inv);
    if (autoPay !== null && isAttemptInAdvance(autoPay, from, generated)) push(autoPay, Kind.AutoPay, inv.id);
    if (inv.status === 'open') push(pastDueFrom(inv.dueDate), Kind.PastDue, inv.id);
  };

  // The first look over the sandbox is cut into chunks too (empty ones): over 100,000 customers it is
  // itself a long task. A look at one entity costs far less than an action.
  const scanBudget = maxActions * SCANS_PER_ACTION;
  let scanned = 0;
  const nothingYet = (): AdvanceChunk => ({
    patch: {},
    result: { from, now: work.now, events: [], actions: 0, done: false },
  });
  for (const ri of work.recurringInvoices) {
    if (!isScheduleFinished(ri)) push(dayStart(ri.nextInvoiceDate), Kind.Generate, ri.id);
    if (++scanned % scanBudget === 0) ids = (yield nothingYet()) ?? ids;
  }
  for (const inv of work.invoices) {
    pushInvoice(inv, false);
    if (++scanned % scanBudget === 0) ids = (yield nothingYet()) ?? ids;
  }
  for (const isp of work.isps) {
    const readyAt = roleCacheReadyAt(isp, work.settings.roleCacheMinutes);
    if (readyAt !== null) push(new Date(readyAt).toISOString(), Kind.RoleCache, isp.id);
  }
  for (const bm of work.billingMethods) {
    if (bm.type === 'credit_card' && bm.card && !bm.expired)
      push(new Date(cardExpiresAt(bm.card.expMonth, bm.card.expYear)).toISOString(), Kind.CardExpiry, bm.id);
    if (++scanned % scanBudget === 0) ids = (yield nothingYet()) ?? ids;
  }

  /** The chunk's patches, merged into one when it ends. */
  let out: Patch[] = [];
  const apply = (patch: Patch): void => {
    // The events go to the result only: the timeline is the store's.
    applyPatch(work, patch);
    out.push(patch);
  };
  let count = 0;
  let chunkStart = 0;
  let clock = from;
  for (let action = queue.pop(); action; action = queue.pop()) {
    if (count - chunkStart >= maxActions) {
      // A chunk ends between actions; the clock shows how far it got.
      if (clock > toInstant(work.now)) {
        out.push({ now: clock });
        work.now = clock;
      }
      const patch = mergePatches(out);
      ids =
        (yield {
          patch,
          result: { from, now: work.now, events: patch.events ?? [], actions: count - chunkStart, done: false },
        }) ?? ids;
      out = [];
      chunkStart = count;
    }
    // Something due before the clock's start (e.g. a backdated start date) happens as soon as possible.
    // biome-ignore lint/complexity/useMathMinMax: instants are ISO strings, compared as text (Math.max is for numbers)
    const c: Ctx = { now: action.at < from ? from : action.at, ids, read: ctx.read };
    clock = c.now;
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
      apply(chargeAutoPay(work, id, c).patch);
    } else if (kind === Kind.PastDue) {
      const inv = byId(work.invoices, id);
      if (!inv || inv.balanceCents <= 0 || inv.status !== 'open') continue;
      guard(++count);
      apply(fallPastDue(inv, c).patch);
    } else if (kind === Kind.RoleCache) {
      const isp = byId(work.isps, id);
      if (!isp?.billingIntegration || isp.roleCacheRefreshedAt !== null) continue;
      guard(++count);
      apply({
        upsert: { isps: [{ ...isp, roleCacheRefreshedAt: c.now }] },
        events: [event(c, 'role_cache.refreshed', { ispId: id })],
      });
    } else {
      const bm = byId(work.billingMethods, id);
      if (!bm || bm.expired) continue;
      guard(++count);
      const e = event(c, 'billing_method.expired', { billingMethodId: id, customerId: bm.customerId });
      apply({ upsert: { billingMethods: [transition(BILLING_METHOD, bm, 'expired', c.now)] }, events: [e] });
    }
  }

  const announce = step ?? { announce: true, from, actionsBefore: 0 };
  if (announce.announce) {
    const done = event({ now: to, ids, read: ctx.read }, 'clock.advanced', {
      from: announce.from,
      to,
      actions: announce.actionsBefore + count,
    });
    out.push({ events: [done] });
  }
  out.push({ now: to });
  const patch = mergePatches(out);
  yield { patch, result: { from, now: to, events: patch.events ?? [], actions: count - chunkStart, done: true } };
}

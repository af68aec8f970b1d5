// The one place statuses change. Each entity with a life cycle has a table: the statuses it may be created in
// and, from each status, the statuses it may move to (with what moves it there, for the drawing in
// docs/architecture.md, generated from these tables by state-diagram.ts). Rules create an entity's status
// with `initial` and change it with `transition`, which refuses a move the table does not allow (a
// programming error, never a client's) and stamps when it happened. test/architecture/status-writes.test.ts
// fails when a rule in src/domain writes a status any other way.
import type { BillingMethod, Invoice, InvoiceStatus, IsoInstant, Payment, PaymentStatus } from './types.ts';

/** A billing method's life cycle, kept as its `expired` flag. */
export type BillingMethodStatus = 'active' | 'expired';

export type Machine<E, S extends string, F extends keyof E> = {
  /** The entity, as errors and the drawing name it. */
  readonly entity: string;
  /** The statuses a new entity may start in, each with when it does. */
  readonly initial: { readonly [K in S]?: string };
  /** From each status, the statuses it may move to, each with what moves it there. */
  readonly moves: { readonly [K in S]: { readonly [T in S]?: string } };
  /** The entity's current status. */
  readonly statusOf: (e: E) => S;
  /** The fields that hold a status on the entity. */
  readonly fields: (status: S) => Pick<E, F>;
};

export const INVOICE: Machine<Invoice, InvoiceStatus, 'status'> = {
  entity: 'invoice',
  initial: { open: 'created owing', paid: 'created at $0.00' },
  moves: {
    open: { past_due: 'the day after its due date, still owing (the clock)', paid: 'a payment clears the balance' },
    past_due: { paid: 'a payment clears the balance' },
    paid: {},
  },
  statusOf: (i) => i.status,
  fields: (status) => ({ status }),
};

/** A payment is settled when it is made: it never changes status afterwards (no move to make). */
export const PAYMENT: Machine<Payment, PaymentStatus, 'status'> = {
  entity: 'payment',
  initial: { succeeded: 'the charge went through', failed: 'the charge was declined' },
  moves: { succeeded: {}, failed: {} },
  statusOf: (p) => p.status,
  fields: (status) => ({ status }),
};

export const BILLING_METHOD: Machine<BillingMethod, BillingMethodStatus, 'expired'> = {
  entity: 'billing method',
  initial: { active: 'created (an expired card is refused on input)' },
  moves: {
    active: { expired: 'the clock passes the end of the card’s expiry month' },
    expired: { active: 'a new expiry is given' },
  },
  statusOf: (m) => (m.expired ? 'expired' : 'active'),
  fields: (status) => ({ expired: status === 'expired' }),
};

/** Every machine, in the order the documentation draws them. */
export const MACHINES = [INVOICE, PAYMENT, BILLING_METHOD] as const;

/** A status change the tables do not allow: a bug in a rule, never a client's mistake (a 500). */
export class InvalidTransition extends Error {
  constructor(entity: string, from: string, to: string) {
    super(`${entity}: no move from ${from} to ${to} in its table (src/domain/state-machine.ts).`);
    this.name = 'InvalidTransition';
  }
}

/** Entities whose status changes after creation carry the instant of the last change. */
type Stamped = { statusChangedAt?: IsoInstant };

/**
 * The status fields of a new entity starting in `status`, which its table must allow; with `at`, stamped
 * as entered then (entities that move later: every one then has the same fields from the start, which
 * keeps them one shape in memory).
 */
export function initial<E, S extends string, F extends keyof E>(machine: Machine<E, S, F>, status: S): Pick<E, F>;
export function initial<E extends Stamped, S extends string, F extends keyof E>(
  machine: Machine<E, S, F>,
  status: S,
  at: IsoInstant,
): Pick<E, F> & Stamped;
export function initial<E, S extends string, F extends keyof E>(
  machine: Machine<E, S, F>,
  status: S,
  at?: IsoInstant,
): Pick<E, F> & Stamped {
  if (!Object.hasOwn(machine.initial, status)) throw new InvalidTransition(machine.entity, '(new)', status);
  return at === undefined ? machine.fields(status) : { ...machine.fields(status), statusChangedAt: at };
}

/**
 * The entity moved to status `to` at `at` (with `changes`, the rest of what the same step changes), or an
 * InvalidTransition when its table does not allow that move. Stamps `statusChangedAt`.
 */
export function transition<E extends Stamped, S extends string, F extends keyof E>(
  machine: Machine<E, S, F>,
  entity: E,
  to: S,
  at: IsoInstant,
  changes?: Partial<E>,
): E {
  const from = machine.statusOf(entity);
  if (!Object.hasOwn(machine.moves[from], to)) throw new InvalidTransition(machine.entity, from, to);
  return { ...entity, ...changes, ...machine.fields(to), statusChangedAt: at };
}

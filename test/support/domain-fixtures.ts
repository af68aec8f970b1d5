// Small, complete SandboxState fixtures for domain tests. Every builder takes overrides so a test
// states only what matters to the rule it proves; everything else is a valid default.
import { emptyState } from '../../src/seeds/build-state.ts';
import { applyPatch, workingCopy, type Patch } from '../../src/domain/patch.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { sequentialIds, type Ctx } from '../../src/domain/ids.ts';
import { plainReader } from '../../src/domain/reader.ts';
import {
  MMR_LINE_ITEM_ID,
  type AdcLogin,
  type BillingMethod,
  type Customer,
  type Invoice,
  type Isp,
  type Payment,
  type RecurringInvoice,
  type SandboxDocument,
  type SandboxState,
  type SimEvent,
} from '../../src/domain/types.ts';

/** The documented "today" of the past-due example (the current invoice is due 2019-03-03). */
export const NOW = '2019-03-03T00:00:00.000Z';

// lastIds keys per collection, so ids handed out by makeCtx never collide with fixture entities.
const ID_KINDS = {
  customers: 'customer',
  isps: 'isp',
  adcCredentials: 'adcCredential',
  logins: 'login',
  lineItems: 'lineItem',
  recurringInvoices: 'recurringInvoice',
  invoices: 'invoice',
  billingMethods: 'billingMethod',
  payments: 'payment',
} as const;

/** A complete, valid SandboxState; lastIds default to the highest id present in each collection. */
export function makeState(overrides: Partial<SandboxState> = {}): SandboxState {
  // The seeds' empty sandbox, with a role cache of 60 minutes (DEFAULT_SETTINGS may change; these tests count on 60).
  const { events: _timeline, ...base } = emptyState('test', { kind: 'empty' }, NOW);
  const state: SandboxState = {
    ...base,
    settings: { ...base.settings, roleCacheMinutes: 60 },
    ...overrides,
    lastIds: {},
  };
  const lastIds: Record<string, number> = {};
  for (const [collection, kind] of Object.entries(ID_KINDS)) {
    const list = state[collection as keyof typeof ID_KINDS] as { id: number }[];
    lastIds[kind] = list.reduce((max, e) => Math.max(max, e.id), 0);
  }
  state.lastIds = { ...lastIds, ...overrides.lastIds };
  return state;
}

export function makeCustomer(o: Partial<Customer> = {}): Customer {
  return {
    id: 1,
    firstName: 'Jane',
    lastName: 'Doe',
    email: 'jane@example.com',
    ispId: 1,
    createdAt: '2018-12-01T00:00:00.000Z',
    ...o,
  };
}

/** An ISP with the Billing Integration enabled long enough ago for the role cache to have refreshed. */
export function makeIsp(o: Partial<Isp> = {}): Isp {
  return {
    id: 1,
    name: 'Acme ISP',
    username: 'acme-isp',
    password: 'isp-pass',
    billingIntegration: true,
    billingIntegrationEnabledAt: '2018-12-01T00:00:00.000Z',
    roleCacheRefreshedAt: '2018-12-01T01:00:00.000Z',
    ...o,
  };
}

export function makeLogin(o: Partial<AdcLogin> = {}): AdcLogin {
  return { id: 1, username: 'jane', password: 'jane-pass', customerId: 1, ...o };
}

/** A monthly recurring invoice carrying the MMR line (29.99), no Auto Pay method. */
export function makeRecurring(o: Partial<RecurringInvoice> = {}): RecurringInvoice {
  return {
    id: 1,
    customerId: 1,
    saleDate: '2018-12-01',
    startDate: '2019-01-03',
    netDays: 0,
    lines: [{ lineItemId: MMR_LINE_ITEM_ID, description: 'Monthly monitoring', amountCents: 2999, occurrences: null }],
    billingMethodId: null,
    nextInvoiceDate: '2019-01-03',
    invoicesCreated: 0,
    createdAt: '2018-12-01T00:00:00.000Z',
    ...o,
  };
}

/** An invoice; totalCents defaults to the sum of its lines and balanceCents to the total. */
export function makeInvoice(o: Partial<Invoice> = {}): Invoice {
  const lines = o.lines ?? [{ lineItemId: MMR_LINE_ITEM_ID, description: 'Monthly monitoring', amountCents: 2999 }];
  const totalCents = o.totalCents ?? lines.reduce((s, l) => s + l.amountCents, 0);
  const balanceCents = o.balanceCents ?? totalCents;
  const date = o.invoiceDate ?? o.dueDate ?? '2019-03-03';
  return {
    id: 1,
    customerId: 1,
    recurringInvoiceId: 1,
    invoiceDate: date,
    dueDate: date,
    lines,
    totalCents,
    balanceCents,
    status: balanceCents === 0 && totalCents > 0 ? 'paid' : 'open',
    autoPayAttemptedAt: null,
    createdAt: `${date}T00:00:00.000Z`,
    ...o,
  };
}

/** A stored Visa card ending 4242 that always succeeds. */
export function makeCard(o: Partial<BillingMethod> = {}): BillingMethod {
  return {
    id: 1,
    customerId: 1,
    type: 'credit_card',
    card: { brand: 'visa', last4: '4242', expMonth: 12, expYear: 2030, holderName: 'Jane Doe' },
    bankAccount: null,
    behavior: { kind: 'succeed' },
    chargeCount: 0,
    expired: false,
    createdAt: '2018-12-01T00:00:00.000Z',
    ...o,
  };
}

/** A stored checking account ending 6789 that always succeeds. */
export function makeBank(o: Partial<BillingMethod> = {}): BillingMethod {
  return makeCard({
    type: 'bank_account',
    card: null,
    bankAccount: { bankName: 'First Bank', accountType: 'checking', last4: '6789', holderName: 'Jane Doe' },
    ...o,
  });
}

export function makePayment(o: Partial<Payment> = {}): Payment {
  return {
    id: 1,
    customerId: 1,
    amountCents: 2999,
    billingMethodId: 1,
    source: 'one_time',
    status: 'succeeded',
    failureReason: null,
    allocations: [{ invoiceId: 1, amountCents: o.amountCents ?? 2999 }],
    createdAt: NOW,
    ...o,
  };
}

/**
 * Login 1 (jane) -> customer 1 -> ISP 1 (integration on, role cache refreshed) with MMR recurring
 * invoice 1: every Billing Not Configured condition is met. Overrides replace whole collections.
 */
export function makeConfiguredState(overrides: Partial<SandboxState> = {}): SandboxState {
  return makeState({
    customers: [makeCustomer()],
    isps: [makeIsp()],
    logins: [makeLogin()],
    recurringInvoices: [makeRecurring()],
    ...overrides,
  });
}

/** A Ctx whose ids continue from the state's lastIds, at the state's clock unless told otherwise. */
export function makeCtx(state: Readonly<SandboxState>, now: string = state.now): Ctx {
  return { now, ids: sequentialIds(state.lastIds).ids, read: plainReader };
}

/** The state after a patch, leaving the original untouched (entities are replaced, never mutated). */
export function applied(state: Readonly<SandboxState>, patch: Patch): SandboxState {
  const next = workingCopy(state);
  applyPatch(next, patch);
  return next;
}

/** Runs fn and returns the DomainError it throws (fails the test if it returns or throws anything else). */
export function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/** A whole sandbox (state and timeline), as the store is given one to create. */
export function asDocument(state: SandboxState, events: SimEvent[] = []): SandboxDocument {
  return { ...state, events };
}

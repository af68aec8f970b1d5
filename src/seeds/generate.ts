import { createBillingMethod } from '../domain/billing-method.ts';
import { addDays, toDate } from '../domain/dates.ts';
import { createCustomer, createLogin } from '../domain/dealer.ts';
import { invalid } from '../domain/errors.ts';
import type { Ctx } from '../domain/ids.ts';
import type { CommandResult } from '../domain/patch.ts';
import { createRecurringInvoice } from '../domain/recurring.ts';
import { MMR_LINE_ITEM_ID, type SandboxState } from '../domain/types.ts';
import type { Generate, Setup } from './setup.ts';

// A population described by its size and mix instead of listed entity by entity ("100,000 customers,
// two thirds on Auto Pay, due days spread over the month"). Every customer is made through the same
// domain commands as a listed one; everything about customer n follows from n, so the state is the
// same on every run and the cost is linear in the count.

const FIRST = [
  'Alex',
  'Blake',
  'Casey',
  'Drew',
  'Emery',
  'Finley',
  'Gray',
  'Harper',
  'Indy',
  'Jordan',
  'Kai',
  'Logan',
  'Morgan',
  'Noel',
  'Parker',
  'Quinn',
  'Reese',
  'Sage',
  'Taylor',
  'Val',
];
const LAST = [
  'Adams',
  'Brooks',
  'Chen',
  'Diaz',
  'Evans',
  'Foster',
  'Garcia',
  'Hughes',
  'Ito',
  'Jones',
  'Khan',
  'Lopez',
  'Meyer',
  'Nguyen',
  'Okafor',
  'Patel',
  'Rossi',
  'Silva',
  'Tran',
  'Weber',
];
const GOOD_CARD = '4242424242424242';
const DECLINED_CARD = '4000000000000002';

/** Whether item i of `total` is one of exactly `chosen`, spread evenly (item 0 is one when any are). */
const picked = (i: number, chosen: number, total: number): boolean =>
  Math.ceil(((i + 1) * chosen) / total) > Math.ceil((i * chosen) / total);

export type Run = <T>(command: (s: SandboxState, ctx: Ctx) => CommandResult<T>) => T;

/** Creates the population through `run` (the seed builder's command runner). */
export function generatePopulation(spec: Generate, deps: { run: Run; ispId: number | null; now: string }): void {
  const { count, prefix = 'customer', logins = true, declining = 0, netDays = 0 } = spec;
  const autoPay = spec.autoPay ?? count;
  if (
    autoPay > count ||
    declining > autoPay ||
    spec.startDates.to < spec.startDates.from ||
    (typeof spec.amountCents === 'object' && spec.amountCents.min > spec.amountCents.max)
  ) {
    throw invalid(
      'invalid-generate',
      'Invalid generate block',
      'Need autoPay <= count, declining <= autoPay, startDates.from <= startDates.to and amountCents.min <= max.',
    );
  }
  const days = Math.round((Date.parse(spec.startDates.to) - Date.parse(spec.startDates.from)) / 86_400_000) + 1;
  const startDates = Array.from({ length: days }, (_, d) => addDays(spec.startDates.from, d));
  const [min, max] =
    typeof spec.amountCents === 'number'
      ? [spec.amountCents, spec.amountCents]
      : [spec.amountCents.min, spec.amountCents.max];
  const lineItemId = spec.lineItemId ?? MMR_LINE_ITEM_ID;
  const expYear = Number(toDate(deps.now).slice(0, 4)) + 10;
  let autoPayIndex = 0;
  for (let i = 0; i < count; i++) {
    const n = i + 1;
    const firstName = FIRST[i % FIRST.length]!;
    const lastName = LAST[Math.floor(i / FIRST.length) % LAST.length]!;
    const customer = deps.run((s, ctx) =>
      createCustomer(s, { firstName, lastName, email: `${prefix}${n}@example.com`, ispId: deps.ispId }, ctx),
    );
    if (logins)
      deps.run((s, ctx) =>
        createLogin(s, { username: `${prefix}${n}`, password: `${prefix}${n}-pass`, customerId: customer.id }, ctx),
      );
    let billingMethodId: number | null = null;
    if (picked(i, autoPay, count)) {
      const number = picked(autoPayIndex++, declining, autoPay) ? DECLINED_CARD : GOOD_CARD;
      const card = { number, expMonth: 12, expYear, holderName: `${firstName} ${lastName}` };
      billingMethodId = deps.run((s, ctx) =>
        createBillingMethod(s, customer.id, { type: 'credit_card', card }, ctx),
      ).id;
    }
    const startDate = startDates[Math.floor((i * days) / count)]!;
    const amount = min + ((i * 7_919) % (max - min + 1));
    const line = { lineItemId, amountCents: amount, ...(spec.description ? { description: spec.description } : {}) };
    const input = {
      customerId: customer.id,
      saleDate: spec.saleDate ?? spec.startDates.from,
      startDate,
      netDays,
      lines: [line],
      billingMethodId,
    };
    deps.run((s, ctx) => createRecurringInvoice(s, input, ctx));
  }
}

/**
 * The setup with its population resized to `count` (the benchmark runs a scenario written for 200 at
 * 100,000): autoPay and declining keep their share of the population.
 */
export function withGeneratedCount(setup: Setup, count: number): Setup {
  const g = setup.generate;
  if (!g) return setup;
  const share = (k: number | undefined) =>
    k === undefined ? undefined : Math.round((k * count) / Math.max(g.count, 1));
  return { ...setup, generate: { ...g, count, autoPay: share(g.autoPay), declining: share(g.declining) } };
}

/** The password of a generated login (`<prefix>n` -> `<prefix>n-pass`), if `username` is one. */
export function generatedLoginPassword(setup: Setup, username: string): string | undefined {
  const g = setup.generate;
  if (!g || g.logins === false) return undefined;
  const prefix = g.prefix ?? 'customer';
  const n = username.startsWith(prefix) ? Number(username.slice(prefix.length)) : NaN;
  return Number.isInteger(n) && n >= 1 && n <= g.count ? `${username}-pass` : undefined;
}

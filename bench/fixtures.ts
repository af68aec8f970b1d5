// Sandbox states for the benchmark, built through the same domain commands the API uses (so every rule
// holds), then written straight into a data folder as the sandbox's snapshot.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createManualInvoice } from '../src/domain/dealer.ts';
import { sequentialIds, type Ctx } from '../src/domain/ids.ts';
import { applyPatch, type CommandResult } from '../src/domain/patch.ts';
import type { SandboxDocument, SandboxState } from '../src/domain/types.ts';
import { plainReader } from '../src/domain/reader.ts';
import { buildState } from '../src/seeds/build-state.ts';
import type { Setup } from '../src/seeds/setup.ts';

const CARD = { number: '4242424242424242', expMonth: 12, expYear: 2030, holderName: 'Bench User' };
export const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

const isp = { key: 'acme', name: 'Acme', username: 'acme-isp', password: 'isp-pass', billingIntegration: true };

function run<T>(doc: SandboxDocument, command: (s: SandboxState, ctx: Ctx) => CommandResult<T>): T {
  const { ids, lastIds } = sequentialIds(doc.lastIds);
  const { patch, result } = command(doc, { now: doc.now, ids, read: plainReader });
  applyPatch(doc, { ...patch, lastIds: lastIds() });
  for (const e of patch.events ?? []) doc.events.push(e);
  return result;
}

/**
 * `customers` end users, each linked, on an ISP with the integration enabled, with a card on Auto Pay and
 * an MMR recurring invoice, three months on (about three invoices each). Logs in as user<n> / pass<n>.
 */
export function summaryState(customers: number): SandboxDocument {
  const keys = Array.from({ length: customers }, (_, i) => i + 1);
  const setup: Setup = {
    clock: '2019-01-01T00:00:00.000Z',
    settings: { roleCacheMinutes: 0 },
    alarmComCredentials: [{ username: isp.username, password: isp.password, roles: ['SecurityTrax'] }],
    isps: [isp],
    customers: keys.map((n) => ({
      key: `c${n}`,
      firstName: `First${n}`,
      lastName: `Last${n}`,
      email: `user${n}@example.com`,
      isp: 'acme',
    })),
    logins: keys.map((n) => ({ username: `user${n}`, password: `pass${n}`, customer: `c${n}` })),
    // Every third customer has no Auto Pay, so some invoices stay open and past due.
    billingMethods: keys
      .filter((n) => n % 3 !== 0)
      .map((n) => ({ key: `m${n}`, customer: `c${n}`, type: 'credit_card' as const, card: CARD })),
    recurringInvoices: keys.map((n) => ({
      key: `r${n}`,
      customer: `c${n}`,
      saleDate: '2019-01-01',
      startDate: `2019-01-${String((n % 28) + 1).padStart(2, '0')}`,
      lines: [{ lineItemId: 3, description: 'Monthly monitoring', amountCents: 2999 + (n % 7) * 100 }],
      billingMethod: n % 3 !== 0 ? `m${n}` : null,
    })),
    advanceTo: '2019-03-20T00:00:00.000Z',
  };
  return buildState('default', { kind: 'empty' }, setup).state;
}

/**
 * A payer (login payer / payer-pass) whose MMR invoices owe $1.2M in total, so a run of one-dollar
 * payments (1.2 million of them) never pays them off, plus `invoices` invoices in all (the rest spread over 100 other customers).
 */
export function paymentState(invoices: number): SandboxDocument {
  const others = Array.from({ length: 100 }, (_, i) => i + 1);
  const setup: Setup = {
    clock: '2019-01-01T00:00:00.000Z',
    settings: { roleCacheMinutes: 0 },
    alarmComCredentials: [{ username: isp.username, password: isp.password, roles: ['SecurityTrax'] }],
    isps: [isp],
    customers: [
      { key: 'payer', firstName: 'Pat', lastName: 'Payer', email: 'payer@example.com', isp: 'acme' },
      ...others.map((n) => ({
        key: `o${n}`,
        firstName: `Other${n}`,
        lastName: 'Customer',
        email: `o${n}@example.com`,
        isp: 'acme',
      })),
    ],
    logins: [{ username: 'payer', password: 'payer-pass', customer: 'payer' }],
    billingMethods: [{ key: 'payerCard', customer: 'payer', type: 'credit_card', card: CARD }],
    recurringInvoices: [
      {
        key: 'payerMonitoring',
        customer: 'payer',
        saleDate: '2018-03-01',
        startDate: '2018-03-02',
        // Twelve invoices of the maximum amount ($100,000.00) each.
        lines: [{ lineItemId: 3, description: 'Monthly monitoring', amountCents: 10_000_000 }],
        // No Auto Pay: the invoices stay open for one-time payments.
        billingMethod: null,
      },
    ],
    advanceTo: '2019-02-10T00:00:00.000Z',
  };
  const { state, refs } = buildState('default', { kind: 'empty' }, setup);
  const existing = state.invoices.length;
  for (let i = 0; i < invoices - existing; i++) {
    const customerId = refs[`o${(i % others.length) + 1}`]!;
    run(state, (s, ctx) =>
      createManualInvoice(
        s,
        {
          customerId,
          invoiceDate: '2019-01-15',
          dueDate: '2019-02-15',
          lines: [{ lineItemId: 4, description: 'Service', amountCents: 1500 + (i % 50) }],
        },
        ctx,
      ),
    );
  }
  return state;
}

/** Writes the state as `DIR/sandboxes/<name>.json`, the snapshot the server loads with --data DIR. */
export function writeDataDir(dir: string, state: SandboxDocument): void {
  mkdirSync(path.join(dir, 'sandboxes'), { recursive: true });
  writeFileSync(path.join(dir, 'sandboxes', `${state.name}.json`), JSON.stringify(state));
}

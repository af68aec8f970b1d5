// 200 one-time payments on one account at once: every cent lands once, balances are exact, nothing is
// lost; in memory (strict test app) and through a real data folder, reloaded from disk afterwards.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkInvariants } from '../../src/domain/invariants.ts';
import type { SandboxState } from '../../src/domain/types.ts';
import { openStore, startServer } from '../../src/server.ts';
import { JANE, testApp } from '../support/test-app.ts';
import { billingData, dealerApi, fetchCall, type DealerApi } from '../support/securitytrax.ts';
import type { EventReader } from '../../src/domain/event-page.ts';

const PAYMENTS = 200;
const CARD = {
  type: 'credit_card',
  card: { number: '4242424242424242', expMonth: 12, expYear: 2030, cvv: '123', holderName: 'Jane Doe' },
};

type Send = (method: string, path: string, body?: unknown, auth?: string) => Promise<{ status: number; body: any }>;

/** Jane's integration invoices and what they owe, from the state. */
function owing(state: SandboxState, customerId: number) {
  const invoices = state.invoices.filter((i) => i.customerId === customerId && i.recurringInvoiceId !== null);
  return { invoices, total: invoices.reduce((s, i) => s + i.balanceCents, 0) };
}

async function payConcurrently(send: Send, state: () => SandboxState, dealer: DealerApi) {
  // A card that always succeeds (jane's saved Auto Pay card is the declining demo card).
  const method = await dealer.post('/customer_billings', billingData(1, CARD as never));
  expect(method.status).toBe(201);
  const billingMethodId = Number(method.body.data.id);
  const before = JSON.parse(JSON.stringify(state())) as SandboxState;
  const { total } = owing(before, 1);
  expect(total).toBeGreaterThanOrEqual(PAYMENTS * 30);
  // Amounts 1..40 cents, so allocations straddle invoice boundaries.
  const amounts = Array.from({ length: PAYMENTS }, (_, i) => (i % 40) + 1);
  const replies = await Promise.all(
    amounts.map((amountCents) =>
      send('POST', '/alarm-com/api/billing/payments', { amountCents, billingMethodId }, JANE),
    ),
  );
  return { before, amounts, replies, total };
}

function assertExact(
  before: SandboxState,
  after: SandboxState,
  events: EventReader,
  amounts: number[],
  replies: { status: number; body: any }[],
  total: number,
) {
  expect(replies.map((r) => r.status)).toEqual(amounts.map(() => 201));
  expect(checkInvariants(after, events)).toEqual([]);
  const paid = amounts.reduce((s, a) => s + a, 0);
  expect(owing(after, 1).total).toBe(total - paid);
  // Every acknowledged payment is stored once, with the amount asked and allocations summing to it.
  const ids = replies.map((r) => r.body.id as number);
  expect(new Set(ids).size).toBe(PAYMENTS);
  const created = after.payments.filter((p) => !before.payments.some((b) => b.id === p.id));
  expect(created).toHaveLength(PAYMENTS);
  for (const [i, reply] of replies.entries()) {
    const p = after.payments.find((x) => x.id === reply.body.id)!;
    expect(p.amountCents).toBe(amounts[i]);
    expect(p.allocations.reduce((s, a) => s + a.amountCents, 0)).toBe(amounts[i]);
    expect(
      reply.body.allocations.map((a: { invoiceId: number; amountCents: number }) => [a.invoiceId, a.amountCents]),
    ).toEqual(p.allocations.map((a) => [a.invoiceId, a.amountCents]));
  }
  // Each invoice's balance went down by exactly the allocations made to it: none counted twice or lost.
  for (const inv of before.invoices) {
    const allocated = created
      .flatMap((p) => p.allocations)
      .filter((a) => a.invoiceId === inv.id)
      .reduce((s, a) => s + a.amountCents, 0);
    expect(after.invoices.find((i) => i.id === inv.id)!.balanceCents).toBe(inv.balanceCents - allocated);
  }
  // Oldest first: a later payment never goes to an older invoice than an earlier payment's last allocation.
  const order = [...created].sort((a, b) => a.id - b.id).flatMap((p) => p.allocations.map((a) => a.invoiceId));
  const due = new Map(after.invoices.map((i) => [i.id, i.dueDate]));
  for (let k = 1; k < order.length; k++) expect(due.get(order[k]!)! >= due.get(order[k - 1]!)!).toBe(true);
}

describe('200 concurrent one-time payments on one account', () => {
  it('in memory: balances exact, each allocation once, none lost', async () => {
    const t = await testApp();
    const send: Send = async (method, p, body, auth) => t.call(method, p, { auth, body });
    const { before, amounts, replies, total } = await payConcurrently(send, () => t.state(), dealerApi(t));
    assertExact(before, t.state(), t.store.events('default'), amounts, replies, total);
  });

  it('over HTTP with a data folder: the same, and the state reloaded from disk is identical', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'trax-concurrency-'));
    const server = await startServer({ port: 0, dataDir, compactAfterBytes: 50_000 }); // compactions happen mid-run
    try {
      const send: Send = async (method, p, body, auth) => {
        const res = await fetch(`${server.url}${p}`, {
          method,
          headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
        return { status: res.status, body: await res.json() };
      };
      const { before, amounts, replies, total } = await payConcurrently(
        send,
        () => server.store.require('default'),
        dealerApi(fetchCall(server.url)),
      );
      assertExact(before, server.store.require('default'), server.store.events('default'), amounts, replies, total);
      await server.store.flush();
      const reloaded = await openStore(dataDir);
      expect(reloaded.require('default')).toEqual(server.store.require('default'));
    } finally {
      await server.close();
    }
  });
});

import { describe, expect, it } from 'vitest';
import { REQUIRED_COLLECTIONS } from '../domain/collections.ts';
import { applyPayment } from '../domain/invoice-status.ts';
import { parseSnapshot } from './snapshot.ts';

// A snapshot as an early version wrote it: no idempotencyKeys, no walSeq, invoices without statusChangedAt.
const OLD = JSON.stringify({
  name: 'old',
  seed: { kind: 'demo' },
  now: '2019-03-03T00:00:00.000Z',
  settings: { roleCacheMinutes: 60, adcTimeoutMs: 2000 },
  faults: { declineNextCharges: 0, alarmComWebServices: 'up', slowMs: 0 },
  lastIds: { invoice: 1 },
  customers: [],
  invoices: [
    {
      id: 1,
      customerId: 1,
      recurringInvoiceId: null,
      invoiceDate: '2019-02-01',
      dueDate: '2019-02-03',
      lines: [{ lineItemId: 3, description: 'MMR', amountCents: 2999 }],
      totalCents: 2999,
      balanceCents: 2999,
      status: 'past_due',
      autoPayAttemptedAt: null,
      createdAt: '2019-02-01T00:00:00.000Z',
    },
  ],
  events: [],
});

describe('parseSnapshot', () => {
  it('gives a snapshot written before a list existed that list, empty, and leaves the optional ones absent', () => {
    const { doc, seq } = parseSnapshot(OLD);
    expect(seq).toBe(0);
    for (const key of REQUIRED_COLLECTIONS) expect(Array.isArray(doc[key])).toBe(true);
    expect(doc.idempotencyKeys).toEqual([]);
    expect(doc.integratorKeys).toBeUndefined();
    expect(doc.personalAccessTokens).toBeUndefined();
  });

  it('loads statuses saved without their stamp; the next move stamps them', () => {
    const { doc } = parseSnapshot(OLD);
    const invoice = doc.invoices[0]!;
    expect(invoice.statusChangedAt).toBeUndefined();
    expect(applyPayment(invoice, 2999, '2019-03-04T00:00:00.000Z')).toMatchObject({
      status: 'paid',
      statusChangedAt: '2019-03-04T00:00:00.000Z',
    });
  });
});

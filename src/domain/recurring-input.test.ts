import { describe, expect, it } from 'vitest';
import { createRecurringInvoice, type CreateRecurringInvoiceInput } from './recurring.ts';
import { domainError, makeCard, makeCtx, makeCustomer, makeState } from '../../test/support/domain-fixtures.ts';
import { MAX_LINES } from './money.ts';

// What a recurring invoice refuses, with the code, title, message and failing path a face shows.
const state = makeState({ customers: [makeCustomer()], billingMethods: [makeCard()] });
const input: CreateRecurringInvoiceInput = {
  customerId: 1,
  saleDate: '2019-01-01',
  startDate: '2019-01-03',
  lines: [{ lineItemId: 3, amountCents: 100 }],
};
const refusal = (over: Partial<CreateRecurringInvoiceInput>) => {
  const e = domainError(() => createRecurringInvoice(state, { ...input, ...over }, makeCtx(state)));
  return { kind: e.kind, code: e.code, title: e.title, message: e.message, errors: e.extensions.errors };
};

describe('createRecurringInvoice input', () => {
  it('dates must be calendar dates', () => {
    expect(refusal({ saleDate: '2019-02-30' })).toEqual({
      kind: 'validation',
      code: 'invalid-date',
      title: 'Invalid date',
      message: 'saleDate must be a YYYY-MM-DD date.',
      errors: [{ path: '/saleDate', message: 'must be a calendar date YYYY-MM-DD' }],
    });
    expect(refusal({ startDate: 'soon' }).errors).toEqual([
      { path: '/startDate', message: 'must be a calendar date YYYY-MM-DD' },
    ]);
  });

  it('needs 1 to MAX_LINES lines', () => {
    expect(refusal({ lines: [] })).toEqual({
      kind: 'validation',
      code: 'no-lines',
      title: 'No lines',
      message: 'At least one line is required.',
      errors: [{ path: '/lines', message: 'must not be empty' }],
    });
    const line = { lineItemId: 3, amountCents: 1 };
    expect(refusal({ lines: Array.from({ length: MAX_LINES + 1 }, () => line) })).toEqual({
      kind: 'validation',
      code: 'too-many-lines',
      title: 'Too many lines',
      message: `An invoice has at most ${MAX_LINES} lines.`,
      errors: [{ path: '/lines', message: `must have at most ${MAX_LINES} items` }],
    });
    expect(() =>
      createRecurringInvoice(state, { ...input, lines: Array.from({ length: MAX_LINES }, () => line) }, makeCtx(state)),
    ).not.toThrow();
  });

  it('net days are a whole number >= 0', () => {
    for (const netDays of [-1, 1.5]) {
      expect(refusal({ netDays })).toEqual({
        kind: 'validation',
        code: 'invalid-net-days',
        title: 'Invalid net days',
        message: 'netDays must be an integer >= 0.',
        errors: [{ path: '/netDays', message: 'must be an integer >= 0' }],
      });
    }
    expect(createRecurringInvoice(state, { ...input, netDays: 0 }, makeCtx(state)).result.netDays).toBe(0);
  });

  it('occurrences are null (every invoice) or a count >= 1', () => {
    for (const occurrences of [0, 1.5, -2]) {
      expect(
        refusal({
          lines: [
            { lineItemId: 3, amountCents: 1 },
            { lineItemId: 5, amountCents: 1, occurrences },
          ],
        }),
      ).toEqual({
        kind: 'validation',
        code: 'invalid-occurrences',
        title: 'Invalid occurrences',
        message: 'occurrences is null (every invoice) or a count >= 1.',
        errors: [{ path: '/lines/1/occurrences', message: 'must be null or an integer >= 1' }],
      });
    }
    const ok = createRecurringInvoice(
      state,
      { ...input, lines: [{ lineItemId: 3, amountCents: 1, occurrences: 1 }] },
      makeCtx(state),
    );
    expect(ok.result.lines[0]?.occurrences).toBe(1);
  });

  it('names the unknown line item and the bad amount by path', () => {
    expect(refusal({ lines: [{ lineItemId: 99, amountCents: 1 }] })).toMatchObject({
      title: 'Unknown invoice line item',
      message: 'Every line must use an invoice line item from the catalogue.',
      errors: [{ path: '/lines/0/lineItemId', message: 'unknown invoice line item 99' }],
    });
    expect(refusal({ lines: [{ lineItemId: 3, amountCents: -1 }] })).toMatchObject({
      title: 'Invalid amount',
      errors: [{ path: '/lines/0/amountCents', message: 'must be an integer from 0 to 10000000 (cents)' }],
    });
  });

  it('an unknown customer is not found', () => {
    expect(refusal({ customerId: 9 })).toMatchObject({ kind: 'not_found', message: 'Customer 9 does not exist.' });
  });
});

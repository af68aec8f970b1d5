import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import type { JournalRecord } from '../store/journal.ts';
import { journalCount, journalEntries, journalMatcher } from './journal-filter.ts';

const NONE = { contentType: null, text: null, truncated: false };
const entry = (id: number, over: Partial<JournalRecord>): JournalRecord => ({
  id,
  at: '2019-03-01T00:00:00.000Z',
  method: 'GET',
  path: '/__sim/clock',
  status: 200,
  durationMs: 1,
  operationId: 'getClock',
  face: 'Simulator',
  request: NONE,
  response: NONE,
  behaviours: [],
  ...over,
});

const soap = entry(2, {
  method: 'POST',
  path: '/alarm-com/WebServices/CustomerManagement.asmx',
  operationId: 'SetSecurityTraxSettings',
  face: 'AlarmComWebServices',
  at: '2019-03-02T00:00:00.000Z',
  request: {
    contentType: 'text/xml',
    text: '<BillingIntegrationEnabled>true</BillingIntegrationEnabled>',
    truncated: false,
  },
  behaviours: ['soap.settings-set'],
});
const refused = entry(3, {
  method: 'POST',
  path: '/alarm-com/api/billing/payments',
  status: 402,
  operationId: 'makePayment',
  face: 'AlarmComBilling',
  at: '2019-03-03T00:00:00.000Z',
  response: { contentType: 'application/problem+json', text: '{"status":402}', truncated: false },
});
const all = [entry(1, {}), soap, refused];
const ids = (filter: Parameters<typeof journalMatcher>[0]) => all.filter(journalMatcher(filter)).map((e) => e.id);

describe('journal filters', () => {
  it('each filter alone, and all together', () => {
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ operation: 'SetSecurityTraxSettings' })).toEqual([2]);
    expect(ids({ face: 'AlarmComBilling' })).toEqual([3]);
    expect(ids({ method: 'post' })).toEqual([2, 3]);
    expect(ids({ status: '402' })).toEqual([3]);
    expect(ids({ status: '2xx' })).toEqual([1, 2]);
    expect(ids({ status: '4xx' })).toEqual([3]);
    expect(ids({ since: '2019-03-02T00:00:00Z' })).toEqual([2, 3]);
    expect(ids({ until: '2019-03-02T00:00:00Z' })).toEqual([1, 2]);
    expect(ids({ since: '2019-03-02T00:00:00Z', until: '2019-03-02T00:00:00Z' })).toEqual([2]);
    expect(ids({ q: 'billingintegrationenabled>TRUE<' })).toEqual([2]);
    expect(ids({ q: '/payments' })).toEqual([3]);
    expect(ids({ q: '"status":402' })).toEqual([3]);
    expect(ids({ q: '.*' })).toEqual([]); // plain text, not a pattern
    expect(ids({ behaviour: 'soap.settings-set' })).toEqual([2]);
    expect(ids({ method: 'POST', status: '2xx', operation: 'SetSecurityTraxSettings' })).toEqual([2]);
  });

  it('a since after until is refused, naming until', () => {
    const refuse = () => journalMatcher({ since: '2019-03-02T00:00:00Z', until: '2019-03-01T00:00:00Z' });
    expect(refuse).toThrow(DomainError);
    expect(refuse).toThrow(
      expect.objectContaining({
        extensions: { errors: [{ path: '/query/until', message: 'must not be before since' }] },
      }),
    );
  });

  it('lists JSON bodies parsed back, other bodies as text; counts the same matches', () => {
    const [listed] = journalEntries(all, { status: '4xx' });
    expect(listed!.response).toEqual({ ...refused.response, json: { status: 402 } });
    expect(journalEntries(all, { face: 'AlarmComWebServices' })[0]!.request).toEqual(soap.request);
    expect(journalCount(all, { method: 'POST' })).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import { event } from './events.ts';
import { openingStatus } from './invoice-status.ts';
import { plainReader } from './reader.ts';

describe('openingStatus', () => {
  it('a $0.00 invoice is paid from the start; anything owed is open', () => {
    expect(openingStatus(0)).toBe('paid');
    expect(openingStatus(1)).toBe('open');
  });
});

describe('event', () => {
  it('takes the next event id and the command instant', () => {
    const kinds: string[] = [];
    const e = event({ now: '2019-01-01T00:00:00.000Z', ids: (k) => (kinds.push(k), 9), read: plainReader }, 'x.done', {
      a: 1,
    });
    expect(e).toEqual({ id: 9, at: '2019-01-01T00:00:00.000Z', type: 'x.done', data: { a: 1 } });
    expect(kinds).toEqual(['event']);
  });
});

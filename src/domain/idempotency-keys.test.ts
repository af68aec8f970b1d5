import { describe, expect, it } from 'vitest';
import { expiredIdempotencyKeyIds, isIdempotencyKeyLive } from './idempotency-keys.ts';
import type { IdempotencyRecord } from './types.ts';

const record = (id: number, createdAt: string): IdempotencyRecord => ({
  id,
  key: `k${id}`,
  scope: 'dealer',
  fingerprint: 'f',
  operationId: 'createCustomer',
  status: 201,
  resource: { type: 'customers', id },
  createdAt,
});

describe('idempotency key expiry', () => {
  it('a record answers for 24 hours of virtual time', () => {
    const r = record(1, '2019-03-03T00:00:00.000Z');
    expect(isIdempotencyKeyLive(r, '2019-03-03T23:59:59.999Z')).toBe(true);
    expect(isIdempotencyKeyLive(r, '2019-03-04T00:00:00.000Z')).toBe(false);
  });

  it('the expired records are the oldest ones, found without looking past the first live one', () => {
    const records = [
      record(1, '2019-03-01T00:00:00.000Z'),
      record(2, '2019-03-02T00:00:00.000Z'),
      record(3, '2019-03-03T00:00:00.000Z'),
    ];
    expect(expiredIdempotencyKeyIds(records, '2019-03-03T12:00:00.000Z')).toEqual([1, 2]);
    expect(expiredIdempotencyKeyIds(records, '2019-03-01T12:00:00.000Z')).toEqual([]);
  });
});

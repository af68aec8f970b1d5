// How long an Idempotency-Key is remembered. Records expire 24 hours after they were made, on the
// sandbox's virtual clock (deterministic, like every other time in a sandbox): advancing the clock a day
// forgets them, and the next keyed write removes them from the state.
import { addMinutes } from './dates.ts';
import type { IdempotencyRecord, IsoInstant } from './types.ts';

const IDEMPOTENCY_KEY_TTL_HOURS = 24;

const idempotencyKeyExpiresAt = (record: Pick<IdempotencyRecord, 'createdAt'>): IsoInstant =>
  addMinutes(record.createdAt, IDEMPOTENCY_KEY_TTL_HOURS * 60);

/** True while the record still answers retries of its key. */
export const isIdempotencyKeyLive = (record: Pick<IdempotencyRecord, 'createdAt'>, now: IsoInstant): boolean =>
  now < idempotencyKeyExpiresAt(record);

/**
 * Ids of the expired records. Records are kept in the order they were made and the clock only moves
 * forward, so the expired ones are a prefix: the cost is what is removed, plus one look when nothing is.
 */
export function expiredIdempotencyKeyIds(records: readonly IdempotencyRecord[], now: IsoInstant): number[] {
  const ids: number[] = [];
  for (const r of records) {
    if (isIdempotencyKeyLive(r, now)) break;
    ids.push(r.id);
  }
  return ids;
}

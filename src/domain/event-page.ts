// A page of a sandbox's events: never the whole list (a big sandbox has hundreds of thousands).
import type { SimEvent } from './types.ts';

const DEFAULT_EVENT_PAGE = 100;
export const MAX_EVENT_PAGE = 1000;

/**
 * A sandbox's timeline, read by position. The store keeps it packed (src/store/packed-events.ts) and reads
 * ids and types without building the events it skips; `eventsOf` reads a plain list the same way.
 */
export type EventReader = {
  readonly length: number;
  idAt(i: number): number;
  typeAt(i: number): string;
  get(i: number): SimEvent;
};

/** A plain list of events as an EventReader. */
export const eventsOf = (list: readonly SimEvent[]): EventReader => ({
  length: list.length,
  idAt: (i) => list[i]!.id,
  typeAt: (i) => list[i]!.type,
  get: (i) => list[i]!,
});

export type EventFilter = { type?: string; after?: number; limit?: number };
export type EventPage = { items: SimEvent[]; filter: EventFilter & { limit: number }; nextAfter: number | null };

/** `type` matches itself and its sub-types: `payment` matches `payment.failed`. */
const matchesType = (t: string, type: string | undefined): boolean =>
  type === undefined || t === type || t.startsWith(`${type}.`);

/** First position whose id is greater than `after` (events are in id order). */
function firstAfter(events: EventReader, after: number): number {
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (events.idAt(mid) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to `limit` matching events after `after`; `nextAfter` is set when more match beyond them. */
export function pageEvents(events: EventReader, filter: EventFilter): EventPage {
  const limit = Math.min(Math.max(1, filter.limit ?? DEFAULT_EVENT_PAGE), MAX_EVENT_PAGE);
  const items: SimEvent[] = [];
  let nextAfter: number | null = null;
  for (let at = filter.after === undefined ? 0 : firstAfter(events, filter.after); at < events.length; at++) {
    // Filtered on the type first: only the events of the page are built.
    if (!matchesType(events.typeAt(at), filter.type)) continue;
    if (items.length === limit) {
      nextAfter = (items[items.length - 1] as SimEvent).id;
      break;
    }
    items.push(events.get(at));
  }
  return { items, filter: { ...filter, limit }, nextAfter };
}

/** Every matching event after `after`, for in-process readers (the console keeps the last few). */
export function eventsMatching(events: EventReader, filter: { type?: string; after?: number }): SimEvent[] {
  const out: SimEvent[] = [];
  for (let at = filter.after === undefined ? 0 : firstAfter(events, filter.after); at < events.length; at++)
    if (matchesType(events.typeAt(at), filter.type)) out.push(events.get(at));
  return out;
}

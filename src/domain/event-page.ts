// A page of a sandbox's events: never the whole list (a big sandbox has hundreds of thousands).
import { packedOf } from './packed-events.ts';
import type { SimEvent } from './types.ts';

export const DEFAULT_EVENT_PAGE = 100;
export const MAX_EVENT_PAGE = 1000;

export type EventFilter = { type?: string; after?: number; limit?: number };
export type EventPage = { items: SimEvent[]; filter: EventFilter & { limit: number }; nextAfter: number | null };

/** `type` matches itself and its sub-types: `payment` matches `payment.failed`. */
export const matchesEventType = (e: SimEvent, type: string | undefined): boolean => matchesType(e.type, type);
const matchesType = (t: string, type: string | undefined): boolean =>
  type === undefined || t === type || t.startsWith(`${type}.`);

/** First position whose id is greater than `after` (events are in id order). */
function firstAfter(events: readonly SimEvent[], after: number): number {
  const packed = packedOf(events);
  const idAt = packed ? (i: number) => packed.idAt(i) : (i: number) => (events[i] as SimEvent).id;
  let lo = 0;
  let hi = events.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (idAt(mid) <= after) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Up to `limit` matching events after `after`; `nextAfter` is set when more match beyond them. */
export function pageEvents(events: readonly SimEvent[], filter: EventFilter): EventPage {
  const limit = Math.min(Math.max(1, filter.limit ?? DEFAULT_EVENT_PAGE), MAX_EVENT_PAGE);
  const items: SimEvent[] = [];
  let nextAfter: number | null = null;
  const packed = packedOf(events);
  for (let at = filter.after === undefined ? 0 : firstAfter(events, filter.after); at < events.length; at++) {
    // A packed list is filtered on its types: only the events of the page are built.
    if (packed && !matchesType(packed.typeAt(at), filter.type)) continue;
    const e = packed ? packed.get(at) : (events[at] as SimEvent);
    if (!matchesEventType(e, filter.type)) continue;
    if (items.length === limit) {
      nextAfter = (items[items.length - 1] as SimEvent).id;
      break;
    }
    items.push(e);
  }
  return { items, filter: { ...filter, limit }, nextAfter };
}

/**
 * Every matching event after `after`, for in-process readers (the console keeps the last few). A packed
 * list is filtered on its types and ids, and without a filter is given as a copy (constant time), so
 * only the events read are built.
 */
export function eventsMatching(events: readonly SimEvent[], filter: { type?: string; after?: number }): SimEvent[] {
  const packed = packedOf(events);
  const from = filter.after === undefined ? 0 : firstAfter(events, filter.after);
  if (!packed) return events.slice(from).filter((e) => matchesEventType(e, filter.type));
  if (filter.type === undefined && from === 0) return packed.copy().list;
  const out: SimEvent[] = [];
  for (let at = from; at < packed.length; at++)
    if (matchesType(packed.typeAt(at), filter.type)) out.push(packed.get(at));
  return out;
}

// Lookups on a sandbox's lists without scanning them on every request (1,000 customers, 100k invoices).
//
// The store's lists only grow (new entities are pushed, ids increasing) and an entity is replaced in
// place by id, never removed. So an index of positions built for a list stays right for the part it has
// seen and is extended when the list grows. Indexes live in a WeakMap keyed by the list itself: a copied
// or replaced list (workingCopy, reset, a clone's first write) simply gets its own. An entity replaced in
// place under a different key (a renamed login) is moved by noteReplaced, which applyPatch calls; results
// are checked against the current entity anyway, and a list that shrank is re-indexed.

type Index = { seen: number; key: (e: unknown) => unknown; positions: Map<unknown, number[]> };
const indexes = new WeakMap<readonly unknown[], Map<string, Index>>();

function indexOf<T>(list: readonly T[], name: string, key: (e: T) => unknown): Index {
  let byName = indexes.get(list);
  if (!byName) indexes.set(list, (byName = new Map()));
  let idx = byName.get(name);
  if (!idx || idx.seen > list.length) byName.set(name, (idx = { seen: 0, key: key as (e: unknown) => unknown, positions: new Map() }));
  for (let at = idx.seen; at < list.length; at++) {
    const k = key(list[at] as T);
    const found = idx.positions.get(k);
    if (found) found.push(at);
    else idx.positions.set(k, [at]);
  }
  idx.seen = list.length;
  return idx;
}

/** Keeps the list's indexes right when the entity at `at` is replaced by one with other keys. */
export function noteReplaced(list: readonly unknown[], at: number, before: unknown, after: unknown): void {
  const byName = indexes.get(list);
  if (!byName) return;
  for (const idx of byName.values()) {
    if (at >= idx.seen) continue;
    const from = idx.key(before);
    const to = idx.key(after);
    if (from === to) continue;
    const old = idx.positions.get(from);
    const i = old ? old.indexOf(at) : -1;
    if (old && i !== -1) old.splice(i, 1);
    const positions = idx.positions.get(to);
    if (!positions) idx.positions.set(to, [at]);
    else {
      positions.push(at);
      positions.sort((a, b) => a - b); // list order; a key rarely has more than a few entities
    }
  }
}

/** The entities whose `key` is `value`, in list order. */
export function where<T, K>(list: readonly T[], name: string, key: (e: T) => K, value: K): T[] {
  const at = indexOf(list, name, key).positions.get(value);
  if (!at) return [];
  const out: T[] = [];
  for (const p of at) {
    const e = list[p] as T;
    if (key(e) === value) out.push(e);
  }
  return out;
}

/**
 * Position of the entity with this id, or -1. Lists are in id order (ids only grow), so a binary search
 * finds it and an id past the last one is new; hand-built lists that are not in order fall back to a scan.
 */
export function positionOfId(list: readonly { id: number }[], id: number): number {
  const last = list[list.length - 1];
  if (!last || id > last.id) return -1;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const midId = (list[mid] as { id: number }).id;
    if (midId === id) return mid;
    if (midId < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return list.findIndex((e) => e.id === id);
}

/** The entity with this id. */
export function byId<T extends { id: number }>(list: readonly T[], id: number): T | undefined {
  const at = positionOfId(list, id);
  return at === -1 ? undefined : list[at];
}

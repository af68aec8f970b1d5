// The store's Reader (src/domain/reader.ts): lookups by key answered from indexes of positions, kept per
// list in a WeakMap (never on the list, which stays plain data), built on first use and extended as the
// list grows. Lists only grow (new entities are pushed) and an entity is replaced in place by id, so an
// index is right for what it has seen; a replacement under another key (a renamed login) is moved by
// `replaced`, which the store calls for every in-place replacement it commits. A copied or replaced list
// is a new array and gets its own index.
import { INDEXES, type IndexName, type Reader } from '../domain/reader.ts';

type Index = { seen: number; positions: Map<unknown, number[]> };

export type IndexedReader = Reader & {
  /** Keeps the list's indexes right when the entity at `at` is replaced by one with other keys. */
  replaced(list: readonly unknown[], at: number, before: unknown, after: unknown): void;
};

export function createIndexedReader(): IndexedReader {
  const byList = new WeakMap<readonly unknown[], Map<IndexName, Index>>();

  const indexOf = (list: readonly unknown[], name: IndexName): Index => {
    let indexes = byList.get(list);
    if (!indexes) byList.set(list, (indexes = new Map()));
    let idx = indexes.get(name);
    if (!idx || idx.seen > list.length) indexes.set(name, (idx = { seen: 0, positions: new Map() }));
    const key = INDEXES[name] as (e: unknown) => unknown;
    for (let at = idx.seen; at < list.length; at++) {
      const k = key(list[at]);
      const found = idx.positions.get(k);
      if (found) found.push(at);
      else idx.positions.set(k, [at]);
    }
    idx.seen = list.length;
    return idx;
  };

  return {
    where(list, index, value) {
      const at = indexOf(list, index).positions.get(value);
      if (!at) return [];
      const key = INDEXES[index] as (e: unknown) => unknown;
      const out: (typeof list)[number][] = [];
      for (const p of at) {
        const e = list[p]!;
        if (key(e) === value) out.push(e);
      }
      return out;
    },
    replaced(list, at, before, after) {
      const indexes = byList.get(list);
      if (!indexes) return;
      for (const [name, idx] of indexes) {
        if (at >= idx.seen) continue;
        const key = INDEXES[name] as (e: unknown) => unknown;
        const from = key(before);
        const to = key(after);
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
    },
  };
}

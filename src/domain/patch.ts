import { positionOfId } from './by-id.ts';
import { COLLECTION_KEYS, type CollectionKey } from './collections.ts';
import type { Collections, SandboxState, SimEvent } from './types.ts';

// A patch is everything one command changes: entities upserted by id, events appended, scalars replaced.
// Services commit exactly one patch per command; the store applies it (the events to the sandbox's
// timeline, which it keeps apart from the state) and makes it durable.
export type Patch = {
  upsert?: { [K in keyof Collections]?: Collections[K] };
  /** Ids to remove (expired records only: billing entities are never deleted). */
  remove?: { [K in keyof Collections]?: number[] };
  events?: SimEvent[];
  now?: SandboxState['now'];
  settings?: SandboxState['settings'];
  faults?: SandboxState['faults'];
  lastIds?: SandboxState['lastIds'];
  dealer?: SandboxState['dealer'];
  incarnation?: SandboxState['incarnation'];
};

export type CommandResult<T> = { patch: Patch; result: T };

/** Every list of a sandbox's state (collections.ts): what a clone shares and copies on first write. */
export type ListKey = CollectionKey;

/** Counts the copies copy-on-write makes (tests assert work, never time). */
export type CopyProbe = { copied(key: ListKey, length: number): void };

// Lists a state shares with another state: applyPatch copies such a list before its first write. Kept
// off the enumerable properties so JSON, spreads and equality never see it.
const SHARED = Symbol('shared lists');
type Marked = SandboxState & { [SHARED]?: Set<ListKey>; [PROBE]?: CopyProbe };
const PROBE = Symbol('copy probe');

function mark(state: SandboxState, probe?: CopyProbe): void {
  Object.defineProperty(state, SHARED, {
    value: new Set(COLLECTION_KEYS),
    configurable: true,
    writable: true,
    enumerable: false,
  });
  if (probe)
    Object.defineProperty(state, PROBE, { value: probe, configurable: true, writable: true, enumerable: false });
}

/** The list, copied first if it is still shared with another state. */
function ownList(state: Marked, key: ListKey): { id: number }[] {
  const list = ((state as Record<ListKey, unknown[] | undefined>)[key] ??= []) as { id: number }[];
  const shared = state[SHARED];
  if (!shared?.has(key)) return list;
  shared.delete(key);
  state[PROBE]?.copied(key, list.length);
  const copy = list.slice();
  (state as Record<ListKey, unknown>)[key] = copy;
  return copy;
}

/**
 * A second sandbox holding the same data, in time proportional to the number of lists (not entities):
 * both states share every list and each copies a list on its own first write to it (entities are
 * replaced, never mutated, so sharing them is safe). `source` is marked too: its next write must not
 * show in the clone.
 */
export function cloneState(source: SandboxState, changes: Partial<SandboxState>, probe?: CopyProbe): SandboxState {
  const copy: SandboxState = {
    ...source,
    lastIds: { ...source.lastIds },
    settings: { ...source.settings },
    faults: { ...source.faults },
    ...changes,
  };
  mark(source, probe);
  mark(copy, probe);
  return copy;
}

/**
 * A copy safe to applyPatch to without touching the original, for multi-step commands (advancing the
 * clock): lists are copied on the first write only. The original must not change while the copy is used.
 */
export function workingCopy(state: Readonly<SandboxState>, probe?: CopyProbe): SandboxState {
  const copy: SandboxState = { ...state, lastIds: { ...state.lastIds } };
  mark(copy, probe);
  return copy;
}

/**
 * Merge patches in order: later upserts of the same id win (at the first one's position), removals and
 * events concatenate, later scalars win. Linear in the patches' size: an advance merges a chunk's
 * thousands of action patches with it.
 */
export function mergePatches(patches: readonly Patch[]): Patch {
  const upserts = new Map<keyof Collections, Map<number, { id: number }>>();
  const out: Patch = {};
  const events: SimEvent[] = [];
  // An index loop: the patches are the command's own work, not a pass over the sandbox (test/support/list-passes.ts).
  for (let i = 0; i < patches.length; i++) {
    const p = patches[i]!;
    const upsert = p.upsert;
    if (upsert) {
      for (const key of Object.keys(upsert) as (keyof Collections)[]) {
        let byId = upserts.get(key);
        if (!byId) upserts.set(key, (byId = new Map()));
        for (const e of (upsert[key] ?? []) as { id: number }[]) byId.set(e.id, e);
      }
    }
    if (p.remove) {
      for (const key of Object.keys(p.remove) as (keyof Collections)[]) {
        out.remove = { ...out.remove, [key]: [...(out.remove?.[key] ?? []), ...(p.remove[key] ?? [])] };
      }
    }
    // One push per event: spreading a month of a big dealer's events would overflow the call stack.
    if (p.events) for (const e of p.events) events.push(e);
    if (p.now !== undefined) out.now = p.now;
    if (p.settings !== undefined) out.settings = p.settings;
    if (p.faults !== undefined) out.faults = p.faults;
    if (p.lastIds !== undefined) out.lastIds = p.lastIds;
    if (p.dealer !== undefined) out.dealer = p.dealer;
    if (p.incarnation !== undefined) out.incarnation = p.incarnation;
  }
  if (upserts.size)
    out.upsert = Object.fromEntries([...upserts].map(([key, byId]) => [key, [...byId.values()]])) as Patch['upsert'];
  if (events.length) out.events = events;
  return out;
}

/** Told of every entity a patch replaces in place (the store keeps its lookup indexes right with it). */
export type OnReplace = (list: readonly unknown[], at: number, before: unknown, after: unknown) => void;

/**
 * Apply a patch's changes to the state in place (the store owns the state; copying 100k invoices per write
 * would dominate). Its events are not the state's: whoever keeps the timeline appends them.
 */
export function applyPatch(state: SandboxState, patch: Patch, onReplace?: OnReplace): void {
  for (const key of Object.keys(patch.upsert ?? {}) as (keyof Collections)[]) {
    const incoming = (patch.upsert?.[key] ?? []) as { id: number }[];
    if (incoming.length === 0) continue;
    // A sandbox saved before a collection existed (e.g. idempotencyKeys) gets it on first use.
    const list = ownList(state, key);
    for (const entity of incoming) {
      const at = positionOfId(list, entity.id);
      if (at === -1) list.push(entity);
      else {
        onReplace?.(list, at, list[at], entity);
        list[at] = entity;
      }
    }
  }
  for (const key of Object.keys(patch.remove ?? {}) as (keyof Collections)[]) {
    const gone = new Set(patch.remove?.[key]);
    if (!gone.size) continue;
    // A new list rather than splicing: lookup indexes are kept per list and assume it only grows.
    // The new list is this state's own, shared with no clone.
    (state as Record<ListKey, unknown>)[key] = ((state[key] ?? []) as { id: number }[]).filter((e) => !gone.has(e.id));
    (state as Marked)[SHARED]?.delete(key);
  }
  if (patch.now !== undefined) state.now = patch.now;
  if (patch.settings !== undefined) state.settings = patch.settings;
  if (patch.faults !== undefined) state.faults = patch.faults;
  if (patch.lastIds !== undefined) state.lastIds = patch.lastIds;
  if (patch.dealer !== undefined) state.dealer = patch.dealer;
  if (patch.incarnation !== undefined) state.incarnation = patch.incarnation;
}

/**
 * The path of the first number in `value` that JSON cannot carry exactly (NaN, ±Infinity, a whole number
 * past 2^53), or null. Such a number would be logged as null or rounded, and read back as something else.
 * Every commit is checked: the walk builds no path strings until it has found one, then names it.
 */
export function inexactNumberPath(value: unknown, path = ''): string | null {
  if (allExact(value)) return null;
  return pathOfInexact(value, path);
}

const isExact = (n: number) => Number.isFinite(n) && (!Number.isInteger(n) || Number.isSafeInteger(n));

function allExact(value: unknown): boolean {
  if (typeof value === 'number') return isExact(value);
  if (value === null || typeof value !== 'object') return true;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) if (!allExact(value[i])) return false;
    return true;
  }
  for (const key in value as Record<string, unknown>)
    if (!allExact((value as Record<string, unknown>)[key])) return false;
  return true;
}

function pathOfInexact(value: unknown, path: string): string | null {
  if (typeof value === 'number') return isExact(value) ? null : path || '/';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = pathOfInexact(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  for (const key in value as Record<string, unknown>) {
    const found = pathOfInexact((value as Record<string, unknown>)[key], `${path}/${key}`);
    if (found) return found;
  }
  return null;
}

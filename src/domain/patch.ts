import { positionOfId } from './lookup.ts';
import type { Collections, SandboxState, SimEvent } from './types.ts';

// A patch is everything one command changes: entities upserted by id, events appended, scalars replaced.
// Services commit exactly one patch per command; the store applies it and makes it durable.
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
};

export type CommandResult<T> = { patch: Patch; result: T };

/** Merge patches in order: later upserts of the same id win, events concatenate. */
export function mergePatches(...patches: Patch[]): Patch {
  const out: Patch = {};
  for (const p of patches) {
    for (const key of Object.keys(p.upsert ?? {}) as (keyof Collections)[]) {
      const incoming = (p.upsert?.[key] ?? []) as { id: number }[];
      const existing = (out.upsert?.[key] ?? []) as { id: number }[];
      const byId = new Map(existing.map((e) => [e.id, e]));
      for (const e of incoming) byId.set(e.id, e);
      out.upsert = { ...out.upsert, [key]: [...byId.values()] };
    }
    for (const key of Object.keys(p.remove ?? {}) as (keyof Collections)[]) {
      out.remove = { ...out.remove, [key]: [...(out.remove?.[key] ?? []), ...(p.remove?.[key] ?? [])] };
    }
    if (p.events?.length) out.events = [...(out.events ?? []), ...p.events];
    if (p.now !== undefined) out.now = p.now;
    if (p.settings !== undefined) out.settings = p.settings;
    if (p.faults !== undefined) out.faults = p.faults;
    if (p.lastIds !== undefined) out.lastIds = p.lastIds;
    if (p.dealer !== undefined) out.dealer = p.dealer;
  }
  return out;
}

/** Apply a patch in place (the store owns the state; copying 100k invoices per write would dominate). */
export function applyPatch(state: SandboxState, patch: Patch): void {
  for (const key of Object.keys(patch.upsert ?? {}) as (keyof Collections)[]) {
    // ??=: a sandbox saved before a collection existed (e.g. idempotencyKeys) gets it on first use.
    const list = (state[key] ??= []) as { id: number }[];
    for (const entity of (patch.upsert?.[key] ?? []) as { id: number }[]) {
      const at = positionOfId(list, entity.id);
      if (at === -1) list.push(entity);
      else list[at] = entity;
    }
  }
  for (const key of Object.keys(patch.remove ?? {}) as (keyof Collections)[]) {
    const gone = new Set(patch.remove?.[key]);
    // A new list rather than splicing: position indexes (lookup.ts) are kept per list and assume growth.
    if (gone.size) (state[key] as { id: number }[]) = ((state[key] ?? []) as { id: number }[]).filter((e) => !gone.has(e.id));
  }
  if (patch.events?.length) state.events.push(...patch.events);
  if (patch.now !== undefined) state.now = patch.now;
  if (patch.settings !== undefined) state.settings = patch.settings;
  if (patch.faults !== undefined) state.faults = patch.faults;
  if (patch.lastIds !== undefined) state.lastIds = patch.lastIds;
  if (patch.dealer !== undefined) state.dealer = patch.dealer;
}

/**
 * A copy safe to applyPatch to without touching the original: entities are replaced, never mutated,
 * so copying the lists is enough. Used by multi-step commands (advancing the clock).
 */
export function workingCopy(state: Readonly<SandboxState>): SandboxState {
  return {
    ...state,
    customers: [...state.customers],
    isps: [...state.isps],
    adcCredentials: [...state.adcCredentials],
    logins: [...state.logins],
    lineItems: [...state.lineItems],
    recurringInvoices: [...state.recurringInvoices],
    invoices: [...state.invoices],
    billingMethods: [...state.billingMethods],
    payments: [...state.payments],
    idempotencyKeys: [...(state.idempotencyKeys ?? [])],
    events: [...state.events],
    lastIds: { ...state.lastIds },
  };
}

/**
 * The path of the first number in `value` that JSON cannot carry exactly (NaN, ±Infinity, a whole number
 * past 2^53), or null. Such a number would be logged as null or rounded, and read back as something else.
 */
export function inexactNumberPath(value: unknown, path = ''): string | null {
  if (typeof value === 'number') return Number.isFinite(value) && (!Number.isInteger(value) || Number.isSafeInteger(value)) ? null : path || '/';
  if (value === null || typeof value !== 'object') return null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = inexactNumberPath(value[i], `${path}/${i}`);
      if (found) return found;
    }
    return null;
  }
  for (const key in value as Record<string, unknown>) {
    const found = inexactNumberPath((value as Record<string, unknown>)[key], `${path}/${key}`);
    if (found) return found;
  }
  return null;
}

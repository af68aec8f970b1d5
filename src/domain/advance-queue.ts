import type { Collections, IsoInstant, SimEvent } from './types.ts';
import type { Patch } from './patch.ts';

// The advance's bookkeeping (src/domain/advance-clock.ts): its ordered queue of actions and the patch it
// builds up. Kept apart so the advance itself reads as the rules it runs.

// Tie-break order at the same instant.
export const Kind = { Generate: 1, AutoPay: 2, PastDue: 3, RoleCache: 4, CardExpiry: 5 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
export type Action = { at: IsoInstant; kind: Kind; id: number };

/** mergePatches semantics (later upsert of an id wins, first position kept) in linear time. */
export class PatchCollector {
  private readonly upserts = new Map<keyof Collections, Map<number, { id: number }>>();
  private readonly events: SimEvent[] = [];
  private now: IsoInstant | undefined;
  private faults: Patch['faults'];
  private settings: Patch['settings'];

  add(p: Patch): void {
    for (const [key, list] of Object.entries(p.upsert ?? {}) as [keyof Collections, { id: number }[]][]) {
      let byKey = this.upserts.get(key);
      if (!byKey) this.upserts.set(key, (byKey = new Map()));
      for (const e of list) byKey.set(e.id, e);
    }
    if (p.events) for (const e of p.events) this.events.push(e);
    if (p.now !== undefined) this.now = p.now;
    if (p.faults !== undefined) this.faults = p.faults; // Auto Pay can consume declineNextCharges
    if (p.settings !== undefined) this.settings = p.settings;
  }

  patch(): Patch {
    const upsert: Record<string, unknown[]> = {};
    for (const [key, byKey] of this.upserts) upsert[key] = [...byKey.values()];
    const patch: Patch = { events: this.events };
    if (this.upserts.size) patch.upsert = upsert as Patch['upsert'];
    if (this.now !== undefined) patch.now = this.now;
    if (this.faults !== undefined) patch.faults = this.faults;
    if (this.settings !== undefined) patch.settings = this.settings;
    return patch;
  }
}

const before = (a: Action, b: Action): boolean => (a.at !== b.at ? a.at < b.at : a.kind !== b.kind ? a.kind < b.kind : a.id < b.id);

/** Binary min-heap of actions by (time, kind, id). */
export class ActionQueue {
  private readonly heap: Action[] = [];

  push(a: Action): void {
    const h = this.heap;
    let i = h.push(a) - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!before(a, h[parent] as Action)) break;
      h[i] = h[parent] as Action;
      i = parent;
    }
    h[i] = a;
  }

  pop(): Action | undefined {
    const h = this.heap;
    const top = h[0];
    const last = h.pop();
    if (h.length === 0 || !last) return top;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= h.length) break;
      const r = l + 1;
      const child = r < h.length && before(h[r] as Action, h[l] as Action) ? r : l;
      if (!before(h[child] as Action, last)) break;
      h[i] = h[child] as Action;
      i = child;
    }
    h[i] = last;
    return top;
  }
}

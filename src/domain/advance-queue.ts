import type { IsoInstant } from './types.ts';

// The advance's bookkeeping (src/domain/advance-clock.ts): its ordered queue of actions. Kept apart so the
// advance itself reads as the rules it runs.

// Tie-break order at the same instant.
export const Kind = { Generate: 1, AutoPay: 2, PastDue: 3, RoleCache: 4, CardExpiry: 5 } as const;
export type Kind = (typeof Kind)[keyof typeof Kind];
export type Action = { at: IsoInstant; kind: Kind; id: number };

const before = (a: Action, b: Action): boolean =>
  a.at !== b.at ? a.at < b.at : a.kind !== b.kind ? a.kind < b.kind : a.id < b.id;

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

import type { SandboxState } from './types.ts';

/** Hands out the next id of a kind ("invoice", "payment", "event"...). Injected so runs are deterministic. */
export type IdGen = (kind: string) => number;

export type Ctx = { now: string; ids: IdGen };

/** Sequential ids continuing from the sandbox's lastIds; `lastIds()` reads what was handed out. */
export function sequentialIds(start: SandboxState['lastIds']): { ids: IdGen; lastIds: () => SandboxState['lastIds'] } {
  const last = { ...start };
  return {
    ids: (kind) => {
      const next = (last[kind] ?? 0) + 1;
      last[kind] = next;
      return next;
    },
    lastIds: () => ({ ...last }),
  };
}

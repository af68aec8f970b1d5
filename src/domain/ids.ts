import type { Reader } from './reader.ts';
import type { SandboxState } from './types.ts';

/** Hands out the next id of a kind ("invoice", "payment", "event"...). Injected so runs are deterministic. */
export type IdGen = (kind: string) => number;

/** What a command is given besides the state: the sandbox's clock, its id generator and the store's lookups. */
export type Ctx = { now: string; ids: IdGen; read: Reader };

/** Sequential ids continuing from the sandbox's lastIds; `lastIds()` reads what was handed out. */
export function sequentialIds(start: SandboxState['lastIds']): { ids: IdGen; lastIds: () => SandboxState['lastIds'] } {
  const last = { ...start };
  return { ids: counter(last), lastIds: copier(last) };
}

// Closures returned by a function stay anonymous: under tsx a named one costs a defineProperty per command.
const counter =
  (last: SandboxState['lastIds']): IdGen =>
  (kind) => {
    const next = (last[kind] ?? 0) + 1;
    last[kind] = next;
    return next;
  };
const copier = (last: SandboxState['lastIds']) => () => ({ ...last });

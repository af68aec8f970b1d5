// The behaviour coverage the simulator keeps per sandbox, beside its journal (in memory here; a shared store
// keeps it in its database, postgres/postgres-coverage.ts): how many requests exercised each behaviour and
// each operation x status, and the first request that did. Unlike the journal it is not trimmed and outlives
// a reset or a scenario load (a test run loads many); it is gone with its sandbox.

/** The first request that exercised a behaviour (the journal's words for it). */
export type FirstRequest = {
  at: string;
  method: string;
  path: string;
  status: number;
  operationId: string | null;
  /** Its journal entry, where the journal numbers entries as they are recorded (one process). */
  journalId: number | null;
};

export type Hit = { count: number; first: FirstRequest };

/** Keys: a behaviour id, or `<operationId> <status>`. */
export type SandboxCoverage = { tag: string | null; behaviours: Map<string, Hit>; operations: Map<string, Hit> };

export type CoverageTally = {
  /** Cheap and synchronous: a shared tally writes in the background. */
  record(sandbox: string, behaviours: readonly string[], operation: string | null, request: FirstRequest): void;
  /** The tag a sandbox's coverage is read by with others (given when the sandbox is created). */
  tag(sandbox: string, tag: string): void | Promise<void>;
  read(sandbox: string): SandboxCoverage | undefined | Promise<SandboxCoverage | undefined>;
  /** The sandboxes tagged `tag`. */
  tagged(tag: string): string[] | Promise<string[]>;
  clear(sandbox: string): void | Promise<void>;
};

const hit = (map: Map<string, Hit>, key: string, request: FirstRequest) => {
  const found = map.get(key);
  if (found) found.count++;
  else map.set(key, { count: 1, first: request });
};

/** The tally of one process, in memory. */
export function createCoverageTally(): CoverageTally {
  const bySandbox = new Map<string, SandboxCoverage>();
  const of = (sandbox: string): SandboxCoverage => {
    let found = bySandbox.get(sandbox);
    if (!found) bySandbox.set(sandbox, (found = { tag: null, behaviours: new Map(), operations: new Map() }));
    return found;
  };
  return {
    record(sandbox, behaviours, operation, request) {
      const coverage = of(sandbox);
      for (const id of behaviours) hit(coverage.behaviours, id, request);
      if (operation !== null) hit(coverage.operations, operation, request);
    },
    tag: (sandbox, tag) => void (of(sandbox).tag = tag),
    read: (sandbox) => bySandbox.get(sandbox),
    tagged: (tag) => [...bySandbox].filter(([, c]) => c.tag === tag).map(([name]) => name),
    clear: (sandbox) => void bySandbox.delete(sandbox),
  };
}

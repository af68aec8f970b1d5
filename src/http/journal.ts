import type { MiddlewareHandler } from 'hono';
import { isApiPath } from './api-path.ts';

export type JournalEntry = {
  id: number;
  at: string;
  method: string;
  path: string;
  status: number;
  durationMs: number;
  operationId: string | null;
};

/** Per-sandbox request journal, in memory and capped: method, path, status and timing, never bodies. */
export type Journal = {
  record(sandbox: string, entry: Omit<JournalEntry, 'id'>): void;
  list(sandbox: string): JournalEntry[];
  clear(sandbox: string): void;
};

export function createJournal({ limit = 500 }: { limit?: number } = {}): Journal {
  const bySandbox = new Map<string, JournalEntry[]>();
  let lastId = 0;
  return {
    record(sandbox, entry) {
      const list = bySandbox.get(sandbox) ?? bySandbox.set(sandbox, []).get(sandbox)!;
      list.push({ id: ++lastId, ...entry });
      if (list.length > limit) list.splice(0, list.length - limit);
    },
    list: (sandbox) => [...(bySandbox.get(sandbox) ?? [])],
    clear: (sandbox) => void bySandbox.delete(sandbox),
  };
}

export type JournalOptions = {
  journal: Journal;
  /** Virtual time of the sandbox, when it exists. */
  clockOf: (sandbox: string) => string | undefined;
  log?: (line: string) => void;
};

/** Records every request in its sandbox's journal, and logs one line (no bodies, so no card data). */
export function journalMiddleware({ journal, clockOf, log }: JournalOptions): MiddlewareHandler {
  return async function journalRequests(c, next) {
    const started = performance.now();
    await next();
    const sandbox = (c.get('sandbox') as string | undefined) ?? 'default';
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const operationId = (c.get('operationId') as string | undefined) ?? null;
    const at = clockOf(sandbox);
    // Requests naming no existing sandbox, and console pages, are logged but not journaled.
    if (at && isApiPath(c.req.path)) journal.record(sandbox, { at, method: c.req.method, path: c.req.path, status: c.res.status, durationMs, operationId });
    log?.(`${c.req.method} ${c.req.path} [${sandbox}] -> ${c.res.status} ${durationMs}ms`);
  };
}

import type { Context } from 'hono';
import type { Journal } from '../services/journal.ts';
import { isApiPath } from './api-path.ts';

export type JournalOptions = {
  journal: Journal;
  /** Virtual time of the sandbox, when it exists. */
  clockOf: (sandbox: string) => string | undefined;
  log?: (line: string) => void;
};

/** Context key a face may set to name the operation more precisely than the spec's (a SOAP operation, say). */
export const OPERATION_NAME = 'operationName';

export type RequestRecorder = (
  c: Context,
  status: number,
  started: number,
  sandbox: string | undefined,
  operationId: string | null,
) => void;

/** Records one answered request in its sandbox's journal, and logs one line (no bodies, so no card data). */
export function requestRecorder({ journal, clockOf, log }: JournalOptions): RequestRecorder {
  return (c, status, started, sandbox = 'default', specOperationId) => {
    const operationId = (c.get(OPERATION_NAME) as string | undefined) ?? specOperationId;
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const at = clockOf(sandbox);
    // Requests naming no existing sandbox, and console pages, are logged but not journaled.
    if (at && isApiPath(c.req.path))
      journal.record(sandbox, { at, method: c.req.method, path: c.req.path, status, durationMs, operationId });
    log?.(`${c.req.method} ${c.req.path} [${sandbox}] -> ${status} ${durationMs}ms`);
  };
}

// Stage: the journal. Outermost, so it records what was sent, whatever answered: one entry in the sandbox's
// journal (API requests of an existing sandbox) and one log line (no bodies, so no card data).
import type { Context } from 'hono';
import type { SandboxAccess } from '../../services/sandbox-access.ts';
import type { CoverageTally, Journal } from '../../services/services.ts';
import { isApiPath } from '../api-path.ts';
import type { AnswerStage } from './stage.ts';

/** Context key a face may set to name the operation more precisely than the spec's (a SOAP operation, say). */
export const OPERATION_NAME = 'operationName';

export type JournalOptions = {
  journal: Journal;
  /** Where the behaviours each request exercised are counted; none: not recorded. */
  coverage?: CoverageTally;
  sandboxes: SandboxAccess;
  log?: (line: string) => void;
};

export type RequestRecorder = (
  c: Context,
  status: number,
  started: number,
  sandbox: string | undefined,
  operationId: string | null,
  marks: readonly string[] | undefined,
) => void;

export function requestRecorder({ journal, coverage, sandboxes, log }: JournalOptions): RequestRecorder {
  return (c, status, started, sandbox = 'default', specOperationId, marks) => {
    const operationId = (c.get(OPERATION_NAME) as string | undefined) ?? specOperationId;
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    // A sandbox still on disk is not loaded to journal a request that did not use it (health at start-up).
    const at = sandboxes.clockOf(sandbox);
    // Requests naming no existing sandbox, and console pages, are logged but not journaled.
    if (at && isApiPath(c.req.path)) {
      const { method, path } = c.req;
      journal.record(sandbox, { at, method, path, status, durationMs, operationId });
      // The spec's operation (not the SOAP operation's name): coverage counts the spec's operations x statuses.
      const operation = specOperationId === null ? null : `${specOperationId} ${status}`;
      coverage?.record(sandbox, marks ?? [], operation, { at, method, path, status, operationId, journalId: null });
    }
    log?.(`${c.req.method} ${c.req.path} [${sandbox}] -> ${status} ${durationMs}ms`);
  };
}

export const journalStage =
  (record: RequestRecorder): AnswerStage =>
  (op, next) => {
    const operationId = op?.operationId ?? null;
    return (r) => {
      const started = performance.now();
      const res = next(r);
      if (res instanceof Promise)
        return res.then((x) => {
          record(r.c, x.status, started, r.sandbox, operationId, r.marks);
          return x;
        });
      record(r.c, res.status, started, r.sandbox, operationId, r.marks);
      return res;
    };
  };

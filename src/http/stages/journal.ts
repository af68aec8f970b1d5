// Stage: the journal. Outermost, so it records what was sent, whatever answered: one entry in the sandbox's
// journal (API requests of an existing sandbox), bodies masked and cut (journal-body.ts), the behaviours the
// request exercised counted for coverage, and one log line (no bodies, so no card data). The request's text
// is the one the face read (REQUEST_TEXT), the answer's the one it was built from (answer-text.ts): nothing
// is read twice or cloned.
import type { Context } from 'hono';
import type { SandboxAccess } from '../../services/sandbox-access.ts';
import type { CoverageTally, Journal, JournalRecord } from '../../services/services.ts';
import { isApiPath } from '../api-path.ts';
import { sentText } from '../answer-text.ts';
import { type Face, faceOfOperation, faceOfPath } from '../face.ts';
import { journalBody } from '../journal-body.ts';
import { headerOf, REQUEST_TEXT } from '../read-request.ts';
import type { AnswerStage, Req } from './stage.ts';

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
  r: Req,
  res: Response,
  started: number,
  operationId: string | null,
  face: string | null,
) => void;

type RecordedFace = JournalRecord['face'];

// The journal's own reads are not journaled (verifying requests would otherwise change what it counts); they
// are logged and counted for coverage like any other.
const JOURNAL_READS: ReadonlySet<string> = new Set(['getJournal', 'countJournal']);

export function requestRecorder({ journal, coverage, sandboxes, log }: JournalOptions): RequestRecorder {
  return (r, res, started, specOperationId, face) => {
    const { c, marks } = r;
    const sandbox = r.sandbox ?? 'default';
    const operationId = (c.get(OPERATION_NAME) as string | undefined) ?? specOperationId;
    const durationMs = Math.round((performance.now() - started) * 100) / 100;
    const { method, path } = c.req;
    const status = res.status;
    // A sandbox still on disk is not loaded to journal a request that did not use it (health at start-up).
    const at = sandboxes.clockOf(sandbox);
    // Requests naming no existing sandbox, and console pages, are logged but not journaled.
    if (at && isApiPath(path)) {
      const behaviours = marks && marks.length > 1 ? marks.filter((m, at) => marks.indexOf(m) === at) : (marks ?? []);
      let journalId: number | undefined;
      if (specOperationId === null || !JOURNAL_READS.has(specOperationId)) {
        const sent = sentText(res);
        journalId = journal.record(sandbox, {
          at,
          method,
          path,
          status,
          durationMs,
          operationId,
          face: face as RecordedFace,
          request: journalBody(c.get(REQUEST_TEXT) as string | undefined, headerOf(c, 'content-type')),
          response: journalBody(sent?.text, sent?.contentType),
          behaviours,
        });
      }
      // The spec's operation (not the SOAP operation's name): coverage counts the spec's operations x statuses.
      const operation = specOperationId === null ? null : `${specOperationId} ${status}`;
      const first = { at, method, path, status, operationId, journalId: journalId ?? null };
      coverage?.record(sandbox, behaviours, operation, first);
    }
    log?.(`${method} ${path} [${sandbox}] -> ${status} ${durationMs}ms`);
  };
}

export const journalStage =
  (record: RequestRecorder, faces: readonly Face[]): AnswerStage =>
  (op, next) => {
    const operationId = op?.operationId ?? null;
    // An operation's face is known once, here; a request no operation matched is placed by its path.
    const face = op ? (faceOfOperation(faces, op)?.tag ?? null) : undefined;
    const faceOf = (c: Context): string | null =>
      face !== undefined ? face : (faceOfPath(faces, c.req.path)?.tag ?? null);
    return (r) => {
      const started = performance.now();
      const res = next(r);
      if (res instanceof Promise)
        return res.then((x) => {
          record(r, x, started, operationId, faceOf(r.c));
          return x;
        });
      record(r, res, started, operationId, faceOf(r.c));
      return res;
    };
  };

// A sandbox's log file: one committed patch per line, `{"seq":n,"patch":{...}}`, appended after each
// commit and replayed over the snapshot on load.
import { readFileSync, truncateSync } from 'node:fs';
import { applyPatch, type Patch } from '../domain/patch.ts';
import type { SandboxDocument } from '../domain/types.ts';

/** One committed patch as the log stores it. */
type LogEntry = { seq: number; patch: Patch };

export const encodeLogEntry = (seq: number, patch: Patch): string => `${JSON.stringify({ seq, patch })}\n`;

/**
 * Applies the log's entries newer than the snapshot, in order. Unparsable lines at the end (a torn
 * append) are ignored and cut off so the next append starts on a clean line; one in the middle is
 * corruption and stops the load with the file and line named.
 */
export function replayLog(file: string, doc: SandboxDocument, fromSeq: number): { seq: number; bytes: number } {
  let buf: Buffer;
  try {
    buf = readFileSync(file);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { seq: fromSeq, bytes: 0 };
    throw err;
  }
  let seq = fromSeq;
  let good = 0; // bytes up to the end of the last good line
  let badLine: number | null = null;
  let start = 0;
  let lineNo = 0;
  while (start < buf.length) {
    const nl = buf.indexOf(0x0a, start);
    const end = nl === -1 ? buf.length : nl;
    lineNo++;
    const text = buf.toString('utf8', start, end);
    let entry: LogEntry | null = null;
    if (nl !== -1) {
      try {
        const parsed = JSON.parse(text) as LogEntry;
        if (typeof parsed?.seq === 'number' && parsed.patch && typeof parsed.patch === 'object') entry = parsed;
      } catch {
        entry = null;
      }
    }
    if (entry) {
      if (badLine !== null)
        throw new Error(
          `${file}: line ${badLine} is corrupt but later lines are not; refusing to guess. Move the file away to start from the snapshot.`,
        );
      if (entry.seq > seq) {
        applyPatch(doc, entry.patch);
        for (const e of entry.patch.events ?? []) doc.events.push(e);
        seq = entry.seq;
      }
      good = end + 1;
    } else if (text.trim() !== '' && badLine === null) {
      badLine = lineNo;
    }
    start = end + 1;
  }
  if (good < buf.length) truncateSync(file, good);
  return { seq, bytes: good };
}

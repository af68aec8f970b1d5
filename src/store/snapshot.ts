import { REQUIRED_COLLECTIONS } from '../domain/collections.ts';
import type { SandboxDocument } from '../domain/types.ts';
import { internStrings } from './intern-strings.ts';
import type { Sandbox } from './stored-sandbox.ts';

// A snapshot is the sandbox's state as one JSON object plus `walSeq`: the sequence number of the last
// committed patch it contains. Patches in the write-ahead log with a higher seq are replayed on top.

const WAL_SEQ_KEY = 'walSeq';

/** Entities serialised per slice before yielding to the event loop (large collections only). */
const SLICE = 2_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/** What a snapshot is written from: a whole document, or a loaded sandbox (its timeline packed). */
export type SnapshotSource = Readonly<Sandbox> | Readonly<SandboxDocument>;

type Slicer = { readonly length: number; slice(from: number, to: number): unknown[] };

/**
 * JSON text of the sandbox at this instant, built without blocking the event loop for long: the top-level
 * lists are copied synchronously (entities are replaced, never mutated, so the copies are a consistent
 * picture; a packed timeline copies in constant time), then serialised a slice at a time. Same text as
 * JSON.stringify({ ...state, events, walSeq: seq }).
 */
export async function serializeSnapshot(source: SnapshotSource, seq: number): Promise<string> {
  return (await serializeSnapshotParts(source, seq)).join('');
}

/** serializeSnapshot's text as consecutive parts (a big snapshot is written part by part, never joined). */
export async function serializeSnapshotParts(source: SnapshotSource, seq: number): Promise<string[]> {
  const { state, events } =
    'state' in source ? { state: source.state, events: source.events.copy() } : splitDocument(source);
  const frozen: [string, unknown][] = Object.entries(state).map(([k, v]) => [k, Array.isArray(v) ? v.slice() : v]);
  frozen.push(['events', events], [WAL_SEQ_KEY, seq]);
  const parts: string[] = [];
  let first = true;
  for (const [key, value] of frozen) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    parts.push(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    if (isSlicer(value)) {
      parts.push('[');
      for (let at = 0; at < value.length; at += SLICE) {
        const text = JSON.stringify(value.slice(at, at + SLICE));
        parts.push(at === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
        if (value.length > SLICE) await yieldToLoop();
      }
      parts.push(']');
    } else {
      parts.push(JSON.stringify(value));
    }
  }
  parts.push('}');
  return parts;
}

const isSlicer = (v: unknown): v is Slicer =>
  Array.isArray(v) || (typeof v === 'object' && v !== null && typeof (v as Slicer).slice === 'function');

function splitDocument(doc: Readonly<SandboxDocument>): { state: object; events: Slicer } {
  const { events, ...state } = doc;
  return { state, events: events.slice() };
}

/** The document and the seq of the last patch a snapshot holds (0 for files written before the log existed). */
export function parseSnapshot(text: string): { doc: SandboxDocument; seq: number } {
  const parsed = JSON.parse(text) as SandboxDocument & { [WAL_SEQ_KEY]?: number };
  const seq = typeof parsed[WAL_SEQ_KEY] === 'number' ? parsed[WAL_SEQ_KEY] : 0;
  delete parsed[WAL_SEQ_KEY];
  // Lists added after the file was written start empty (domain/collections.ts).
  for (const key of REQUIRED_COLLECTIONS) parsed[key] ??= [];
  parsed.events ??= [];
  return { doc: internStrings(parsed), seq };
}

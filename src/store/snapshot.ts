import { PackedEvents, packedOf } from '../domain/packed-events.ts';
import type { SandboxState, SimEvent } from '../domain/types.ts';
import { internStrings } from './intern-strings.ts';

// A snapshot is the sandbox's state as one JSON object plus `walSeq`: the sequence number of the last
// committed patch it contains. Patches in the write-ahead log with a higher seq are replayed on top.

export const WAL_SEQ_KEY = 'walSeq';

/** Entities serialised per slice before yielding to the event loop (large collections only). */
const SLICE = 2_000;

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * JSON text of the state at this instant, built without blocking the event loop for long: the top-level
 * lists are copied synchronously (entities are replaced, never mutated, so the copies are a consistent
 * picture), then serialised a slice at a time. Same text as JSON.stringify({ ...state, walSeq: seq }).
 */
export async function serializeSnapshot(state: Readonly<SandboxState>, seq: number): Promise<string> {
  return (await serializeSnapshotParts(state, seq)).join('');
}

/** serializeSnapshot's text as consecutive parts (a big snapshot is written part by part, never joined). */
export async function serializeSnapshotParts(state: Readonly<SandboxState>, seq: number): Promise<string[]> {
  // A packed event list is frozen by a copy (constant time), read a slice at a time below.
  const frozen: [string, unknown][] = Object.entries(state).map(([k, v]) => [
    k,
    Array.isArray(v) ? (packedOf(v as SimEvent[])?.copy() ?? v.slice()) : v,
  ]);
  frozen.push([WAL_SEQ_KEY, seq]);
  const parts: string[] = [];
  let first = true;
  for (const [key, value] of frozen) {
    if (value === undefined || typeof value === 'function' || typeof value === 'symbol') continue;
    parts.push(`${first ? '{' : ','}${JSON.stringify(key)}:`);
    first = false;
    if ((Array.isArray(value) || value instanceof PackedEvents) && value.length > SLICE) {
      parts.push('[');
      for (let at = 0; at < value.length; at += SLICE) {
        const text = JSON.stringify(value.slice(at, at + SLICE));
        parts.push(at === 0 ? text.slice(1, -1) : `,${text.slice(1, -1)}`);
        await yieldToLoop();
      }
      parts.push(']');
    } else {
      parts.push(JSON.stringify(value instanceof PackedEvents ? value.list : value));
    }
  }
  parts.push(first ? '{}' : '}');
  return parts;
}

/** The state and the seq of the last patch a snapshot holds (0 for files written before the log existed). */
export function parseSnapshot(text: string): { state: SandboxState; seq: number } {
  const parsed = JSON.parse(text) as SandboxState & { [WAL_SEQ_KEY]?: number };
  const seq = typeof parsed[WAL_SEQ_KEY] === 'number' ? parsed[WAL_SEQ_KEY] : 0;
  delete parsed[WAL_SEQ_KEY];
  // Collections added after the file was written start empty.
  parsed.idempotencyKeys ??= [];
  return { state: internStrings(parsed), seq };
}

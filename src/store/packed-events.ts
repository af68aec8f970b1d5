import type { EventReader } from '../domain/event-page.ts';
import type { SimEvent } from '../domain/types.ts';

// A big dealer's timeline holds millions of events; as objects ({id, at, type, data}) they are most of a
// sandbox's heap (docs/benchmarks.md). Packed, an event is a few 32-bit words: its shape (type, data keys, which values are
// small integers) and one word per value, a small integer itself or a reference to a value kept once per
// chunk (dates, strings, the allocations array a payment shares). It is read by position (the domain's
// EventReader), each read building a fresh event equal to the one pushed, with the same key order, so
// snapshots and pages are byte for byte what plain objects would give. Append-only: an event is never
// changed or removed, which is what lets copies share the chunks.

/** Events per chunk: a copy that appends copies its last chunk only. */
const CHUNK = 4096;
const SHIFT = 12;
/** Values per event at most (id, at, then the data's); an event with more is kept as it is. */
const MAX_VALUES = 30;
/** Shape 0: an event kept whole (another layout, or too many values). */
const RAW = 0;

type Shape = { type: string; keys: string[]; refs: number };

/** Shapes are only added, so every copy of a list shares its table. */
type Shapes = { list: Shape[]; byType: Map<string, number[]> };

type Chunk = {
  /** Word position of each event in `words` (count + 1 entries once sealed). */
  offsets: Int32Array;
  words: Int32Array;
  used: number;
  count: number;
  /** Values referenced by this chunk's words. */
  values: unknown[];
  /** Position of each primitive in `values` while the chunk fills (dropped once full). */
  interned: Map<unknown, number> | null;
};

const isSmall = (v: unknown): v is number => typeof v === 'number' && (v | 0) === v;
const EVENT_KEYS = ['id', 'at', 'type', 'data'];

/** A chunk starts small (a demo sandbox has a few hundred events) and grows by doubling. */
function newChunk(): Chunk {
  return {
    offsets: new Int32Array(65),
    words: new Int32Array(512),
    used: 0,
    count: 0,
    values: [],
    interned: new Map(),
  };
}

function copyChunk(c: Chunk, count: number): Chunk {
  const used = c.offsets[count]!;
  const values = c.values.slice();
  const interned = new Map<unknown, number>();
  values.forEach((v, i) => {
    if (v === null || typeof v !== 'object') interned.set(v, i);
  });
  return {
    offsets: grown(c.offsets, count + 1, 2 * count + 2),
    words: grown(c.words, used, 2 * used),
    used,
    count,
    values,
    interned,
  };
}

/** The first `keep` entries of `a`, in a new array of at least `size` (and at least 64) entries. */
function grown(a: Int32Array, keep: number, size: number): Int32Array {
  const out = new Int32Array(Math.max(size, keep, 64));
  out.set(a.subarray(0, keep));
  return out;
}

/** A packed, append-only list of events. */
export class PackedEvents implements EventReader {
  private chunks: Chunk[];
  private count: number;
  /** Whether the last chunk is this list's own (a copy shares it until its first push). */
  private ownsLast: boolean;

  constructor(
    private readonly shapes: Shapes = { list: [{ type: '', keys: [], refs: 0 }], byType: new Map() },
    chunks: Chunk[] = [],
    count = 0,
    ownsLast = true,
  ) {
    this.chunks = chunks;
    this.count = count;
    this.ownsLast = ownsLast;
  }

  /** `events` packed. */
  static from(events: readonly SimEvent[]): PackedEvents {
    const packed = new PackedEvents();
    for (const e of events) packed.push(e);
    return packed;
  }

  get length(): number {
    return this.count;
  }

  /** Another list with the same events, in time independent of their number; each appends on its own. */
  copy(): PackedEvents {
    this.ownsLast = false;
    return new PackedEvents(this.shapes, this.chunks.slice(), this.count, false);
  }

  push(e: SimEvent): void {
    let chunk = this.chunks[this.chunks.length - 1];
    const local = this.count & (CHUNK - 1);
    if (!chunk || local === 0) {
      if (chunk) seal(chunk);
      this.chunks.push((chunk = newChunk()));
      this.ownsLast = true;
    } else if (!this.ownsLast) {
      this.chunks[this.chunks.length - 1] = chunk = copyChunk(chunk, local);
      this.ownsLast = true;
    }
    encode(this.shapes, chunk, e);
    this.count++;
  }

  get(i: number): SimEvent {
    const { chunk, at, shape } = this.locate(i);
    if (shape === RAW) return chunk.values[chunk.words[at + 1]!] as SimEvent;
    const s = this.shapes.list[shape]!;
    const data: Record<string, unknown> = {};
    for (let j = 0; j < s.keys.length; j++) data[s.keys[j]!] = valueAt(chunk, s, at, j + 2);
    return { id: valueAt(chunk, s, at, 0) as number, at: valueAt(chunk, s, at, 1) as string, type: s.type, data };
  }

  idAt(i: number): number {
    const { chunk, at, shape } = this.locate(i);
    if (shape === RAW) return (chunk.values[chunk.words[at + 1]!] as SimEvent).id;
    const w = chunk.words[at + 1]!;
    return this.shapes.list[shape]!.refs & 1 ? (chunk.values[w] as number) : w;
  }

  typeAt(i: number): string {
    const { chunk, at, shape } = this.locate(i);
    return shape === RAW ? (chunk.values[chunk.words[at + 1]!] as SimEvent).type : this.shapes.list[shape]!.type;
  }

  /** Events [from, to) as objects. */
  slice(from: number, to = this.count): SimEvent[] {
    const out: SimEvent[] = [];
    for (let i = Math.max(0, from); i < Math.min(to, this.count); i++) out.push(this.get(i));
    return out;
  }

  private locate(i: number): { chunk: Chunk; at: number; shape: number } {
    if (!(i >= 0 && i < this.count)) throw new RangeError(`no event at ${i}`);
    const chunk = this.chunks[i >> SHIFT]!;
    const at = chunk.offsets[i & (CHUNK - 1)]!;
    return { chunk, at, shape: chunk.words[at]! };
  }
}

/** Trims a full chunk to its size and drops what only appending needs. */
function seal(c: Chunk): void {
  if (c.interned === null) return;
  c.words = c.words.slice(0, c.used);
  c.interned = null;
}

function ref(c: Chunk, v: unknown): number {
  if (v !== null && typeof v === 'object') return c.values.push(v) - 1;
  const interned = (c.interned ??= new Map());
  let at = interned.get(v);
  if (at === undefined) interned.set(v, (at = c.values.push(v) - 1));
  return at;
}

function room(c: Chunk, words: number): void {
  if (c.used + words > c.words.length) c.words = grown(c.words, c.used, Math.max(c.words.length * 2, c.used + words));
  if (c.count + 2 > c.offsets.length)
    c.offsets = grown(c.offsets, c.count + 1, Math.min(c.offsets.length * 2, CHUNK + 1));
}

function encode(shapes: Shapes, c: Chunk, e: SimEvent): void {
  const shape = shapeOf(shapes, e);
  if (shape === RAW) {
    room(c, 2);
    c.words[c.used++] = RAW;
    c.words[c.used++] = ref(c, e);
  } else {
    const s = shapes.list[shape]!;
    room(c, 3 + s.keys.length);
    c.words[c.used++] = shape;
    put(c, s, 0, e.id);
    put(c, s, 1, e.at);
    for (let j = 0; j < s.keys.length; j++) put(c, s, j + 2, e.data[s.keys[j]!]);
  }
  c.count++;
  c.offsets[c.count] = c.used;
}

// Module functions, not closures made per event: under tsx every named closure costs a defineProperty.
/** Value j of the event at `at` packed with shape `s`: a small number in place, else a reference. */
function valueAt(chunk: Chunk, s: Shape, at: number, j: number): unknown {
  const w = chunk.words[at + 1 + j]!;
  return (s.refs >> j) & 1 ? chunk.values[w] : w;
}

function put(c: Chunk, s: Shape, j: number, v: unknown): void {
  c.words[c.used++] = (s.refs >> j) & 1 ? ref(c, v) : (v as number);
}

/** The shape `e` packs as (added if new), or RAW. */
function shapeOf(shapes: Shapes, e: SimEvent): number {
  if (
    !hasKeys(e, EVENT_KEYS) ||
    typeof e.type !== 'string' ||
    e.data === null ||
    typeof e.data !== 'object' ||
    Array.isArray(e.data)
  )
    return RAW;
  const keys = Object.keys(e.data);
  if (keys.length + 2 > MAX_VALUES || Object.getPrototypeOf(e.data) !== Object.prototype) return RAW;
  let refs = isSmall(e.id) ? 0 : 1;
  if (!isSmall(e.at)) refs |= 2;
  for (let j = 0; j < keys.length; j++) if (!isSmall(e.data[keys[j]!])) refs |= 1 << (j + 2);
  const candidates = shapes.byType.get(e.type) ?? [];
  for (const at of candidates) {
    const s = shapes.list[at]!;
    if (s.refs === refs && s.keys.length === keys.length && s.keys.every((k, j) => k === keys[j])) return at;
  }
  const at = shapes.list.push({ type: e.type, keys, refs }) - 1;
  shapes.byType.set(e.type, [...candidates, at]);
  return at;
}

/** Own enumerable keys exactly these, in this order (JSON text depends on the order). */
function hasKeys(o: object, keys: readonly string[]): boolean {
  let j = 0;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) return false;
    if (keys[j++] !== k) return false;
  }
  return j === keys.length && Object.getPrototypeOf(o) === Object.prototype;
}

// `%` filter patterns, as SQL LIKE: `%` any run of characters, `_` exactly one, case-insensitive. Matched
// without backtracking and without a RegExp built from the user's text: the pattern is cut at each `%` into
// segments; the first must match at the start, the last at the end, and each one between at its leftmost
// place after the previous one (leftmost is always right: it leaves the most text for the rest). A search
// compares at most (text length x segment length) characters, so a match costs at most text x pattern.

/** Counts the work of matches: one step per character compared. */
export type LikeMeter = { steps: number };
export type LikeMatcher = (text: string, meter?: LikeMeter) => boolean;

const ANY = null; // `_`
type Segment = (string | typeof ANY)[];

/** One code point, lower-cased when that keeps it one code point (so `_` still counts one character). */
function fold(ch: string): string {
  const lower = ch.toLowerCase();
  return lower.length === ch.length ? lower : ch;
}
const chars = (text: string): string[] => Array.from(text, fold);

/** Whether `segment` matches `text` at `start`. */
function matchesAt(text: string[], segment: Segment, start: number, meter: LikeMeter): boolean {
  if (start < 0 || start + segment.length > text.length) return false;
  for (let j = 0; j < segment.length; j++) {
    meter.steps++;
    const want = segment[j];
    if (want !== ANY && want !== text[start + j]) return false;
  }
  return true;
}

/** The leftmost place from `from` on where `segment` matches `text`, or -1. */
function leftmost(text: string[], segment: Segment, from: number, meter: LikeMeter): number {
  for (let start = from; start + segment.length <= text.length; start++)
    if (matchesAt(text, segment, start, meter)) return start;
  return -1;
}

export function compileLike(pattern: string): LikeMatcher {
  const segments: Segment[] = pattern.split('%').map((part) => chars(part).map((ch) => (ch === '_' ? ANY : ch)));
  const first = segments[0]!;
  const last = segments.at(-1)!;
  const middle = segments.slice(1, -1);
  return (value, meter = { steps: 0 }) => {
    const text = chars(value);
    meter.steps++;
    if (segments.length === 1) return text.length === first.length && matchesAt(text, first, 0, meter);
    if (!matchesAt(text, first, 0, meter)) return false;
    let at = first.length;
    for (const segment of middle) {
      const found = leftmost(text, segment, at, meter);
      if (found < 0) return false;
      at = found + segment.length;
    }
    const end = text.length - last.length;
    return end >= at && matchesAt(text, last, end, meter);
  };
}

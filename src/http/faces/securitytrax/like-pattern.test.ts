import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileLike, type LikeMeter } from './like-pattern.ts';

/** The textbook dynamic programme over (pattern, text) positions: obviously right, always n x m. */
function reference(pattern: string, text: string): boolean {
  const fold = (ch: string) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch);
  const p = Array.from(pattern, fold);
  const t = Array.from(text, fold);
  let row = t.map(() => false);
  row.unshift(true);
  for (const ch of p) {
    const next = [ch === '%' && row[0]!];
    for (let j = 1; j <= t.length; j++)
      next[j] = ch === '%' ? row[j]! || next[j - 1]! : row[j - 1]! && (ch === '_' || ch === t[j - 1]);
    row = next;
  }
  return row[t.length]!;
}

const like = (pattern: string, text: string) => compileLike(pattern)(text);

describe('% patterns (LIKE)', () => {
  it('% is any run, _ one character, case-insensitive, anchored at both ends', () => {
    expect(like('j%e', 'Jane')).toBe(true);
    expect(like('J_n', 'Jane')).toBe(false);
    expect(like('J_ne', 'Jane')).toBe(true);
    expect(like('%an%', 'Jane')).toBe(true);
    expect(like('%', '')).toBe(true);
    expect(like('', '')).toBe(true);
    expect(like('', 'a')).toBe(false);
    expect(like('_', '💩')).toBe(true);
    expect(like('a%b%a', 'aba')).toBe(true);
    expect(like('a%b%a', 'ab')).toBe(false);
    expect(like('%.com', 'jane@example.com')).toBe(true);
    expect(like('(x)+', '(X)+')).toBe(true);
    expect(like('%a%b%', 'ba')).toBe(false);
  });

  it('agrees with the textbook algorithm on random patterns and texts', () => {
    const alphabet = fc.constantFrom('a', 'B', 'b', '%', '_', '.', '*', 'İ', '💩');
    const text = fc.array(alphabet, { maxLength: 20 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, text, (p, t) => like(p, t) === reference(p, t)),
      { numRuns: 2000 },
    );
  });

  it('compares at most (text length x pattern length) + pattern length + 1 characters, whatever the pattern', () => {
    const count = (pattern: string, text: string) => {
      const meter: LikeMeter = { steps: 0 };
      compileLike(pattern)(text, meter);
      return meter.steps;
    };
    // The pattern that held a backtracking RegExp for minutes: linear here.
    const text = 'x'.repeat(200);
    expect(count(`${'%'.repeat(20)}z`, text)).toBeLessThan(text.length);
    expect(count(`${'%a'.repeat(50)}z`, 'a'.repeat(200))).toBeLessThanOrEqual(200 * 101 + 102);
    const chars = fc.constantFrom('a', 'b', '%', '_');
    fc.assert(
      fc.property(
        fc.array(chars, { maxLength: 100 }).map((a) => a.join('')),
        fc.array(chars, { maxLength: 300 }).map((a) => a.join('')),
        (p, t) => count(p, t) <= t.length * p.length + p.length + 1,
      ),
      { numRuns: 500 },
    );
  });
});

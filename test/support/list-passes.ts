// Test helper: counts passes over big lists (array methods that walk a list, and iterations), so tests
// can prove that work is linear in what changes, by counting it instead of timing it.

const WALKING = [
  'find',
  'findIndex',
  'findLast',
  'some',
  'every',
  'filter',
  'map',
  'flatMap',
  'forEach',
  'reduce',
  'slice',
  'indexOf',
  'includes',
  'concat',
  'sort',
] as const;

/** Runs fn and counts the passes over arrays of at least `minLength` elements it made. */
export function countListPasses<T>(minLength: number, fn: () => T): { result: T; passes: number } {
  const proto = Array.prototype as unknown as Record<PropertyKey, (...args: unknown[]) => unknown>;
  const saved: [PropertyKey, (...args: unknown[]) => unknown][] = [];
  let passes = 0;
  for (const name of [...WALKING, Symbol.iterator]) {
    const original = proto[name]!;
    saved.push([name, original]);
    proto[name] = function (this: unknown[], ...args: unknown[]) {
      if (this.length >= minLength) passes++;
      return original.apply(this, args);
    };
  }
  try {
    const result = fn();
    return { result, passes };
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
}

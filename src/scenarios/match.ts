// Partial matching for expectations: objects match the keys the expectation names, arrays match
// element by element and in length, scalars strictly. Returns readable mismatches, path by path.

export type Mismatch = { path: string; expected: unknown; actual: unknown };

export function match(expected: unknown, actual: unknown, path = ''): Mismatch[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [{ path: path || '/', expected, actual }];
    const out: Mismatch[] = [];
    if (expected.length !== actual.length)
      out.push({ path: `${path}/length`, expected: expected.length, actual: actual.length });
    for (const [i, e] of expected.entries()) out.push(...match(e, actual[i], `${path}/${i}`));
    return out;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [{ path: path || '/', expected, actual }];
    return Object.entries(expected).flatMap(([k, v]) =>
      match(v, (actual as Record<string, unknown>)[k], `${path}/${k}`),
    );
  }
  return Object.is(expected, actual) ? [] : [{ path: path || '/', expected, actual }];
}

export function describeMismatches(mismatches: Mismatch[]): string {
  return mismatches
    .map((m) => `${m.path}: expected ${JSON.stringify(m.expected)}, got ${JSON.stringify(m.actual)}`)
    .join('; ');
}

/** Is `wanted` a subsequence of `seen` (in order, others may come between)? Returns the first missing one. */
export function missingInOrder(wanted: string[], seen: string[]): string | null {
  let at = 0;
  for (const w of wanted) {
    const found = seen.indexOf(w, at);
    if (found < 0) return w;
    at = found + 1;
  }
  return null;
}

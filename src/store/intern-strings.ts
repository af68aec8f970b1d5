// A parsed snapshot holds a separate copy of every string: each event's instant and type, each invoice's
// dates and status, each line's description. Sharing one copy of each value (as a state built in memory
// does) takes a large part off the memory of a loaded sandbox (docs/benchmarks.md).

/** Strings longer than this are left alone (free text is rarely repeated). */
const MAX_LENGTH = 40;

/** Replaces every repeated short string in `value` (in place) by one shared copy. */
export function internStrings<T>(value: T): T {
  const seen = new Map<string, string>();
  const intern = (s: string): string => {
    if (s.length > MAX_LENGTH) return s;
    const shared = seen.get(s);
    if (shared !== undefined) return shared;
    seen.set(s, s);
    return s;
  };
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) {
        const v: unknown = node[i];
        if (typeof v === 'string') node[i] = intern(v);
        else if (v !== null && typeof v === 'object') walk(v);
      }
      return;
    }
    const obj = node as Record<string, unknown>;
    for (const key in obj) {
      const v = obj[key];
      if (typeof v === 'string') obj[key] = intern(v);
      else if (v !== null && typeof v === 'object') walk(v);
    }
  };
  if (value !== null && typeof value === 'object') walk(value);
  return value;
}

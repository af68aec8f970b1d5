// `${name}` in a step is replaced by a saved value (or a `given` key's id). A string that is exactly
// one reference keeps the value's type, so `${paymentId}` stays a number.

export type Variables = Record<string, unknown>;

const WHOLE = /^\$\{([A-Za-z_][A-Za-z0-9_.]*)\}$/;
const PART = /\$\{([A-Za-z_][A-Za-z0-9_.]*)\}/g;

export class UnknownVariableError extends Error {}

function lookup(vars: Variables, name: string): unknown {
  if (!Object.hasOwn(vars, name))
    throw new UnknownVariableError(`\${${name}} is not defined (saved by an earlier step or a key of given)`);
  return vars[name];
}

export function interpolate<T>(value: T, vars: Variables): T {
  if (typeof value === 'string') {
    const whole = WHOLE.exec(value);
    if (whole) return lookup(vars, whole[1]!) as T;
    return value.replace(PART, (_, name: string) => String(lookup(vars, name))) as T;
  }
  if (Array.isArray(value)) return value.map((v) => interpolate(v, vars)) as T;
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [interpolate(k, vars), interpolate(v, vars)])) as T;
  }
  return value;
}

/** Reads "a.b.0.c" out of a response body. */
export function pick(body: unknown, dotted: string): unknown {
  return dotted
    .split('.')
    .reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      body,
    );
}

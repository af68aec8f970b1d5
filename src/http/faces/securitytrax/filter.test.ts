import { describe, expect, it } from 'vitest';
import { FaceError } from './face-error.ts';
import { MAX_FILTER_NESTING, MAX_FILTER_TERMS, MAX_PATTERN_LENGTH, parseFilter } from './filter.ts';

const FIELDS = new Map(
  Object.entries({
    fname: 'string',
    status: 'string',
    balance: 'money',
    net_days: 'number',
    auto_pay: 'boolean',
    due_date: 'date',
    customer_id: 'id',
  } as const),
);
const row = {
  fname: 'Jane',
  status: 'past_due',
  balance: '39.99',
  net_days: 0,
  auto_pay: true,
  due_date: '2019-01-03',
  customer_id: 1,
} as Record<string, unknown>;
const test = (expr: string, r = row) => parseFilter(expr, FIELDS)((f) => r[f]);
const refusal = (expr: string): FaceError => {
  try {
    parseFilter(expr, FIELDS);
  } catch (err) {
    expect(err).toBeInstanceOf(FaceError);
    expect((err as FaceError).source).toEqual({ parameter: 'filter' });
    return err as FaceError;
  }
  throw new Error(`${expr} parsed`);
};
const reason = (expr: string) => refusal(expr).message;

describe('filter expressions', () => {
  it('compares text, numbers, decimals, dates, booleans and ids', () => {
    expect(test("fname = 'Jane'")).toBe(true);
    expect(test('fname = "Jane"')).toBe(true);
    expect(test("fname != 'Jane'")).toBe(false);
    expect(test('balance > 39.98 AND balance <= 39.99')).toBe(true);
    expect(test("balance >= '40'")).toBe(false);
    expect(test('net_days < 1')).toBe(true);
    expect(test("due_date < '2019-02-01'")).toBe(true);
    expect(test('auto_pay = true')).toBe(true);
    expect(test('customer_id = 1')).toBe(true);
  });

  it('~ contains, !~ does not, % matches a pattern (case-insensitive)', () => {
    expect(test("fname ~ 'an'")).toBe(true);
    expect(test("fname !~ 'AN'")).toBe(false);
    expect(test("fname % 'j%e'")).toBe(true);
    expect(test("fname % 'J_n'")).toBe(false);
  });

  it('AND binds tighter than OR; parentheses group', () => {
    expect(test("fname = 'Bob' AND status = 'open' OR net_days = 0")).toBe(true);
    expect(test("fname = 'Bob' AND (status = 'open' OR net_days = 0)")).toBe(false);
    expect(test("(fname = 'Jane' or fname = 'Bob') and balance > 0")).toBe(true);
  });

  it('refuses malformed expressions with a precise reason', () => {
    expect(reason("fname = 'Jane")).toMatch(/unterminated string starting at position 9/);
    expect(reason("fname = 'Jane' AND")).toMatch(/expected an attribute name at the end/);
    expect(reason("(fname = 'Jane'")).toMatch(/expected "\)" at the end/);
    expect(reason("fname 'Jane'")).toMatch(/expected an operator/);
    expect(reason("password = 'x'")).toMatch(/"password" is not a filterable attribute here/);
    expect(reason('balance > 1.234')).toMatch(/decimal amount/);
    expect(reason("net_days ~ '1'")).toMatch(/"~" compares text/);
    expect(reason('fname = Jane')).toMatch(/quote text/);
    expect(reason("fname = 'a' ) ")).toMatch(/unexpected at position 13/);
    expect(reason("fname = 'a' # 1")).toMatch(/unexpected character "#"/);
  });

  it('knows only the given names: built-in object members are unknown attributes, shown by name only', () => {
    for (const name of ['toString', 'constructor', '__proto__', 'isPrototypeOf', 'hasOwnProperty', 'valueOf']) {
      for (const expr of [`${name} = 1`, `${name} ~ 'x'`, `${name} % 'x'`, `${name}_id = 1`]) {
        const err = refusal(expr);
        expect(err.code, expr).toBe('invalid-filter');
        expect(err.message, expr).toMatch(/is not a filterable attribute here/);
        expect(err.message, expr).not.toMatch(/native code|function|=>/);
      }
    }
  });

  it(`refuses past its limits, naming them: ${MAX_FILTER_TERMS} comparisons, ${MAX_FILTER_NESTING} levels of parentheses, ${MAX_PATTERN_LENGTH}-character texts`, () => {
    const terms = (n: number) => Array.from({ length: n }, () => 'net_days = 0').join(' OR ');
    expect(test(terms(MAX_FILTER_TERMS))).toBe(true);
    expect(refusal(terms(MAX_FILTER_TERMS + 1))).toMatchObject({ code: 'filter-limit-exceeded' });
    expect(reason(terms(MAX_FILTER_TERMS + 1))).toContain(`more than ${MAX_FILTER_TERMS} comparisons`);
    const nested = (n: number) => `${'('.repeat(n)}net_days = 0${')'.repeat(n)}`;
    expect(test(nested(MAX_FILTER_NESTING))).toBe(true);
    expect(reason(nested(MAX_FILTER_NESTING + 1))).toContain(`nest more than ${MAX_FILTER_NESTING} deep`);
    expect(reason(nested(400))).toContain(`nest more than ${MAX_FILTER_NESTING} deep`);
    for (const op of ['~', '!~', '%']) {
      expect(test(`fname ${op} '${'%'.repeat(MAX_PATTERN_LENGTH)}'`), op).toBe(op !== '~');
      expect(refusal(`fname ${op} '${'a'.repeat(MAX_PATTERN_LENGTH + 1)}'`).code).toBe('filter-limit-exceeded');
    }
  });
});

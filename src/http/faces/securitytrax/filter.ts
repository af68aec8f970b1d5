// `filter=` expressions (public syntax): comparisons joined by AND / OR, grouped with parentheses.
//   expr := and ('OR' and)* ; and := primary ('AND' primary)* ; primary := '(' expr ')' | field op value
// A small tokenizer and a recursive-descent parser; every malformed input is a 400 naming where and why.
// Its cost is bounded before anything runs: at most MAX_FILTER_TERMS comparisons, parentheses nested at most
// MAX_FILTER_NESTING deep, text values of `~ !~ %` at most MAX_PATTERN_LENGTH characters (a `%` pattern is
// matched without backtracking, like-pattern.ts).
import { decimalToCents } from '../../../domain/money.ts';
import { FaceError } from './face-error.ts';
import { compileLike, type LikeMeter } from './like-pattern.ts';
import type { FilterKind } from './resources/resource-type.ts';

type Token = { kind: 'word' | 'string' | 'number' | 'op' | '(' | ')' | 'end'; text: string; at: number };
type Op = '=' | '!=' | '<' | '>' | '<=' | '>=' | '~' | '!~' | '%';
export type Predicate = (read: (field: string) => unknown) => boolean;

const OPS = ['!=', '<=', '>=', '!~', '=', '<', '>', '~', '%'];

/** At most this many comparisons in one expression. */
export const MAX_FILTER_TERMS = 20;
/** Parentheses nested at most this deep. */
export const MAX_FILTER_NESTING = 8;
/** The text compared by `~`, `!~` and `%` is at most this many characters. */
export const MAX_PATTERN_LENGTH = 100;

/** Filterable names of a type -> how each compares (a Map: names come from the request). */
export type FilterFields = ReadonlyMap<string, FilterKind | 'id'>;

const fail = (detail: string): never => {
  throw new FaceError(400, 'invalid-filter', 'Invalid filter', detail, { parameter: 'filter' });
};
const overLimit = (detail: string): never => {
  throw new FaceError(400, 'filter-limit-exceeded', 'Filter limit exceeded', detail, { parameter: 'filter' });
};

const SPACE = /\s/y;
const NUMBER = /-?\d+(\.\d+)?/y;
const WORD = /[A-Za-z_][A-Za-z0-9_]*/y;
/** The token of `pattern` at `i`, or undefined (sticky: no copy of the rest of the text per token). */
const stickyAt = (pattern: RegExp, text: string, i: number): string | undefined => {
  pattern.lastIndex = i;
  return pattern.exec(text)?.[0];
};

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (stickyAt(SPACE, text, i) !== undefined) {
      i++;
      continue;
    }
    if (ch === '(' || ch === ')') {
      tokens.push({ kind: ch, text: ch, at: i });
      i++;
      continue;
    }
    if (ch === "'" || ch === '"') {
      const end = text.indexOf(ch, i + 1);
      if (end < 0) fail(`unterminated string starting at position ${i + 1}`);
      tokens.push({ kind: 'string', text: text.slice(i + 1, end), at: i });
      i = end + 1;
      continue;
    }
    const op = OPS.find((o) => text.startsWith(o, i));
    if (op) {
      tokens.push({ kind: 'op', text: op, at: i });
      i += op.length;
      continue;
    }
    const number = stickyAt(NUMBER, text, i);
    if (number !== undefined) {
      tokens.push({ kind: 'number', text: number, at: i });
      i += number.length;
      continue;
    }
    const word = stickyAt(WORD, text, i) ?? fail(`unexpected character "${ch}" at position ${i + 1}`);
    tokens.push({ kind: 'word', text: word, at: i });
    i += word.length;
  }
  tokens.push({ kind: 'end', text: '', at: text.length });
  return tokens;
}

type Literal = { kind: 'string' | 'number' | 'word'; text: string };

/**
 * Parses `text` into a predicate over the fields of one resource (name -> how it compares). `meter` counts
 * the characters its `%` patterns compare.
 */
export function parseFilter(text: string, fields: FilterFields, meter?: LikeMeter): Predicate {
  const tokens = tokenize(text);
  let pos = 0;
  let terms = 0;
  let nesting = 0;
  const peek = () => tokens[pos]!;
  const where = (t: Token) => (t.kind === 'end' ? 'at the end' : `at position ${t.at + 1} ("${t.text}")`);
  const keyword = (t: Token, k: string) => t.kind === 'word' && t.text.toUpperCase() === k;

  const expr = (): Predicate => {
    const parts = [and()];
    while (keyword(peek(), 'OR')) {
      pos++;
      parts.push(and());
    }
    return parts.length === 1 ? parts[0]! : (v) => parts.some((p) => p(v));
  };
  const and = (): Predicate => {
    const parts = [primary()];
    while (keyword(peek(), 'AND')) {
      pos++;
      parts.push(primary());
    }
    return parts.length === 1 ? parts[0]! : (v) => parts.every((p) => p(v));
  };
  const primary = (): Predicate => {
    const t = peek();
    if (t.kind === '(') {
      if (++nesting > MAX_FILTER_NESTING)
        overLimit(`parentheses nest more than ${MAX_FILTER_NESTING} deep at position ${t.at + 1}`);
      pos++;
      const inner = expr();
      nesting--;
      if (peek().kind !== ')') fail(`expected ")" ${where(peek())}`);
      pos++;
      return inner;
    }
    if (t.kind !== 'word' || keyword(t, 'AND') || keyword(t, 'OR')) fail(`expected an attribute name ${where(t)}`);
    if (++terms > MAX_FILTER_TERMS) overLimit(`more than ${MAX_FILTER_TERMS} comparisons (at position ${t.at + 1})`);
    const kind = fields.get(t.text);
    if (!kind) fail(`"${t.text}" is not a filterable attribute here; use one of ${[...fields.keys()].join(', ')}`);
    pos++;
    const op = peek();
    if (op.kind !== 'op') fail(`expected an operator (= != < > <= >= ~ !~ %) after "${t.text}" ${where(op)}`);
    pos++;
    const value = peek();
    if (value.kind !== 'string' && value.kind !== 'number' && value.kind !== 'word')
      fail(`expected a value after "${op.text}" ${where(value)}`);
    pos++;
    return comparison(t.text, kind!, op.text as Op, value as Literal, meter);
  };
  const predicate = expr();
  if (peek().kind !== 'end') fail(`unexpected ${where(peek())}`);
  return predicate;
}

const TEXT_OPS = new Set<Op>(['~', '!~', '%']);

function comparison(field: string, kind: FilterKind | 'id', op: Op, literal: Literal, meter?: LikeMeter): Predicate {
  if (TEXT_OPS.has(op) && kind !== 'string' && kind !== 'date') fail(`"${op}" compares text; "${field}" is a ${kind}`);
  if (TEXT_OPS.has(op) && literal.text.length > MAX_PATTERN_LENGTH)
    overLimit(`the text "${op}" compares "${field}" with is over ${MAX_PATTERN_LENGTH} characters`);
  const want = literalFor(field, kind, literal);
  const norm = (v: unknown) =>
    v === null || v === undefined
      ? null
      : kind === 'money'
        ? decimalToCents(v as string)
        : kind === 'id'
          ? Number(v)
          : v;
  if (op === '~' || op === '!~') {
    const needle = String(want).toLowerCase();
    return (read) => {
      const v = read(field);
      const has = v !== null && v !== undefined && String(v).toLowerCase().includes(needle);
      return op === '~' ? has : !has;
    };
  }
  if (op === '%') {
    const matches = compileLike(String(want));
    return (read) => {
      const v = read(field);
      return v !== null && v !== undefined && matches(String(v), meter);
    };
  }
  return (read) => {
    const v = norm(read(field)) as string | number | boolean | null;
    if (v === null || want === null) return op === '=' ? v === want : op === '!=' ? v !== want : false;
    switch (op) {
      case '=':
        return v === want;
      case '!=':
        return v !== want;
      case '<':
        return v < want;
      case '>':
        return v > want;
      case '<=':
        return v <= want;
      default:
        return v >= want;
    }
  };
}

function literalFor(field: string, kind: FilterKind | 'id', literal: Literal): string | number | boolean | null {
  if (literal.kind === 'word') {
    const w = literal.text.toLowerCase();
    if (w === 'null') return null;
    if (kind === 'boolean' && (w === 'true' || w === 'false')) return w === 'true';
    fail(`"${literal.text}" is not a value: quote text ('${literal.text}')`);
  }
  switch (kind) {
    case 'boolean':
      if (literal.text === 'true' || literal.text === 'false') return literal.text === 'true';
      return fail(`"${field}" is true or false, not "${literal.text}"`);
    case 'money': {
      const cents = decimalToCents(literal.text);
      return cents === null
        ? fail(`"${field}" compares with a decimal amount like 39.99, not "${literal.text}"`)
        : cents;
    }
    case 'number':
    case 'id':
      return /^-?\d+$/.test(literal.text)
        ? Number(literal.text)
        : fail(`"${field}" compares with a whole number, not "${literal.text}"`);
    default:
      return literal.text;
  }
}

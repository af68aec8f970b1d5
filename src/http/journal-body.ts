// What the request journal keeps of a body: its text with card numbers, bank account numbers, CVVs,
// passwords and tokens masked, cut at MAX_JOURNAL_BODY characters. Masking runs on the text (a few regular
// expression passes, no parse): it is on every request's path, and a sandbox's bodies must never hold what
// its store never holds. The spec's JournalBody says the same to users.
import type { JournalBody } from '../services/services.ts';

/** Each body is cut here (16 KiB of text), so 500 entries of a sandbox hold at most 16 MiB of bodies. */
export const MAX_JOURNAL_BODY = 16 * 1024;
/** Masked a little past the cut, so a value that straddles it is masked whole before it is cut. */
const SLACK = 1024;

// Field (JSON) or element (XML) names: those ending a card or account number keep their last 4 digits, the
// secrets keep nothing. Any case, `_` or `-` between words. Routing numbers name a bank, not an account.
const LAST4 = '(?:card[_-]?)?number|pan|(?:bank[_-]?)?account[_-]?number|iban';
const SECRET =
  'cvv2?|cvc2?|csc|security[_-]?code|[a-z_-]*pass(?:word|wd)|[a-z_-]*token|authorization|[a-z_-]*secret|api[_-]?key|integrator[_-]?key';
const LAST4_NAME = new RegExp(`^(?:[\\w.-]+:)?(?:${LAST4})$`, 'i');
// A JSON member whose value is a string or a number (objects and arrays under such a name are left alone).
const JSON_MEMBER = new RegExp(`"(${LAST4}|${SECRET})"(\\s*:\\s*)("(?:[^"\\\\]|\\\\.)*"|-?\\d[\\d.eE+-]*)`, 'gi');
// An XML element holding text only, with or without a namespace prefix.
const XML_ELEMENT = new RegExp(`<((?:[\\w.-]+:)?(?:${LAST4}|${SECRET}))(\\s[^>]*)?>([^<]*)</\\1\\s*>`, 'gi');
// Cheap tests run first (most bodies hold no such name): the case-insensitive alternation above costs about
// three times as much per character as finding the name's end followed by `":` or `>`.
const NAME_END = '(?:number|pan|iban|cv[vc]2?|csc|code|passw(?:or)?d|token|authorization|secret|key)';
const JSON_HINT = new RegExp(`${NAME_END}"\\s*:`, 'i');
const XML_HINT = new RegExp(`${NAME_END}(?:\\s[^>]*)?>`, 'i');
// The net under both: any run of 12 or more digits (spaces or dashes between them) is a card or account number.
const DIGIT_RUN = /\d(?:[ -]?\d){11,}/g;

/** `4242 4242 4242 4242` -> `************4242`: the digits but the last 4 starred, separators dropped. */
function lastFour(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length <= 4 ? '****' : '*'.repeat(digits.length - 4) + digits.slice(-4);
}

const maskValue = (name: string, value: string): string => (LAST4_NAME.test(name) ? lastFour(value) : '***');

/** `text` with every secret this module knows masked; `kind` says which syntax to read it as. */
export function maskBody(text: string, kind: 'json' | 'xml' | 'text'): string {
  let out = text;
  if (kind !== 'xml' && JSON_HINT.test(out))
    out = out.replace(JSON_MEMBER, (_m, name: string, colon: string, value: string) => {
      const raw = value.startsWith('"') ? value.slice(1, -1) : value;
      return `"${name}"${colon}"${maskValue(name, raw)}"`;
    });
  if (kind !== 'json' && XML_HINT.test(out))
    out = out.replace(
      XML_ELEMENT,
      (_m, name: string, attrs: string | undefined, value: string) =>
        `<${name}${attrs ?? ''}>${value ? maskValue(name, value) : ''}</${name}>`,
    );
  return out.replace(DIGIT_RUN, lastFour);
}

const kindOf = (contentType: string | null): 'json' | 'xml' | 'text' =>
  contentType === null ? 'text' : contentType.includes('json') ? 'json' : contentType.includes('xml') ? 'xml' : 'text';

const NO_BODY: JournalBody = Object.freeze({ contentType: null, text: null, truncated: false });

/** The journal's copy of a body (`text` undefined or empty: none), masked and cut. */
export function journalBody(text: string | undefined, contentType: string | null | undefined): JournalBody {
  const type = contentType ?? null;
  if (!text) return type === null ? NO_BODY : { contentType: type, text: null, truncated: false };
  const long = text.length > MAX_JOURNAL_BODY;
  const masked = maskBody(long ? text.slice(0, MAX_JOURNAL_BODY + SLACK) : text, kindOf(type));
  const truncated = long || masked.length > MAX_JOURNAL_BODY;
  return { contentType: type, text: truncated ? masked.slice(0, MAX_JOURNAL_BODY) : masked, truncated };
}

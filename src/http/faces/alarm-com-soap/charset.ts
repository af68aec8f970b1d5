// The text of a SOAP request body from its bytes, in the character set it declares: the Content-Type's
// `charset` first (RFC 7303), else a byte order mark, else the XML declaration's `encoding`, else UTF-8.
// UTF-8, UTF-16 (LE/BE, by BOM or name), ISO-8859-1 and windows-1252 are read; another charset is a client
// fault naming it, and bytes that are not valid in the charset are malformed XML.
import { DomainError } from '../../../domain/errors.ts';
import { clientFault } from './faults.ts';

type Decode = (bytes: Buffer) => string;

const strict = (label: string): Decode => {
  const decoder = new TextDecoder(label, { fatal: true });
  return (bytes) => decoder.decode(bytes);
};
const utf16: Decode = (bytes) => strict(bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : 'utf-16le')(bytes);

/** Charset names (lower case) -> how to read them. ISO-8859-1 exactly (not as windows-1252). */
const CHARSETS: ReadonlyMap<string, Decode> = new Map<string, Decode>([
  ['utf-8', strict('utf-8')],
  ['utf8', strict('utf-8')],
  ['iso-8859-1', (bytes) => bytes.toString('latin1')],
  ['latin1', (bytes) => bytes.toString('latin1')],
  ['windows-1252', strict('windows-1252')],
  ['cp1252', strict('windows-1252')],
  ['utf-16', utf16],
  ['utf-16le', strict('utf-16le')],
  ['utf-16be', strict('utf-16be')],
]);

/** The `charset` parameter of a Content-Type, unquoted and lower-cased; undefined when absent. */
function charsetParameterOf(contentType: string | undefined): string | undefined {
  const match = /;\s*charset\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(contentType ?? '');
  return match ? (match[2] ?? match[1])!.trim().toLowerCase() : undefined;
}

/** The charset the bytes announce themselves: a byte order mark, or an ASCII-compatible XML declaration. */
function announced(bytes: Buffer): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if ((bytes[0] === 0xfe && bytes[1] === 0xff) || (bytes[0] === 0xff && bytes[1] === 0xfe)) return 'utf-16';
  const head = bytes.subarray(0, 200).toString('latin1');
  return /^<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1]?.toLowerCase();
}

export function decodeXmlBody(bytes: Buffer, contentType: string | undefined): string {
  const charset = charsetParameterOf(contentType) ?? announced(bytes) ?? 'utf-8';
  const decode = CHARSETS.get(charset);
  if (!decode)
    throw clientFault(
      'unsupported-charset',
      'Unsupported charset',
      `The body's charset "${charset.slice(0, 40)}" is not read here; send UTF-8, UTF-16, ISO-8859-1 or windows-1252.`,
    );
  let text: string;
  try {
    text = decode(bytes);
  } catch {
    throw new DomainError('bad_request', 'malformed-xml', 'Malformed XML', `The body is not valid ${charset} text.`);
  }
  // A byte order mark is not part of the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

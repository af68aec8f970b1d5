import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

/** Request bodies are at most 256 KiB: the largest valid request (a 100-line invoice) is a few KiB. */
export const MAX_BODY_BYTES = 256 * 1024;
/** JSON nested deeper than this is refused before parsing: no operation's body goes past 5 levels. */
export const MAX_JSON_DEPTH = 32;
/** What a JSON operation accepts: `application/json` and any `+json` structured suffix. */
const JSON_MEDIA_TYPES: readonly string[] = ['application/json', '+json'];

/** Context key of the request body's text as read (the journal keeps it, so the body is read once). */
export const REQUEST_TEXT = 'requestText';

/** Under @hono/node-server, `c.env.incoming` is the Node request; elsewhere (app.request, MSW) it is absent. */
const incomingOf = (c: Context): IncomingMessage | undefined =>
  (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

/**
 * A request header (lower-case name). Read from the Node request when there is one: the Fetch `Headers`
 * object @hono/node-server would otherwise build on first use costs more than the rest of a small request.
 */
export function headerOf(c: Context, name: string): string | undefined {
  const incoming = incomingOf(c);
  if (!incoming) return c.req.header(name);
  const value = incoming.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * 415 unless `contentType` names one of `accepted` (exact types, or `+suffix` entries for structured
 * syntax suffixes). No Content-Type at all is taken as the first accepted type. Faces with another media
 * type (JSON:API) pass their own list.
 */
export function requireMediaType(contentType: string | undefined, accepted: readonly string[]): void {
  const type = (contentType ?? '').split(';')[0]!.trim().toLowerCase();
  if (!type || accepted.some((a) => (a.startsWith('+') ? type.endsWith(a) : type === a))) return;
  const names = accepted.map((a) => (a.startsWith('+') ? `*/*${a}` : a)).join(', ');
  throw new DomainError(
    'unsupported_media_type',
    'unsupported-media-type',
    'Unsupported media type',
    `This operation accepts ${names}; got ${type}.`,
    {
      errors: [{ path: '/header/content-type', message: `must be one of ${names}` }],
    },
  );
}

/**
 * 400 when `text` nests arrays/objects deeper than `max`. One linear pass, skipping strings, before
 * JSON.parse: a megabyte of `[[[[...` would otherwise cost the parser (and everyone waiting) seconds.
 */
export function requireJsonDepth(text: string, max = MAX_JSON_DEPTH): void {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const s = text.charCodeAt(i);
        if (s === 0x5c /* \ */) i++;
        else if (s === 0x22) break;
      }
    } else if (ch === 0x5b /* [ */ || ch === 0x7b /* { */) {
      if (++depth > max) {
        throw new DomainError(
          'bad_request',
          'json-too-deep',
          'JSON nested too deeply',
          `Request bodies may nest arrays and objects at most ${max} levels deep.`,
        );
      }
    } else if (ch === 0x5d /* ] */ || ch === 0x7d /* } */) depth--;
  }
}

/**
 * Reads a JSON body, if any: 413 past MAX_BODY_BYTES (from Content-Length before reading, else as soon as
 * the stream passes it), 415 when not an accepted media type, 400 when nested too deeply or not JSON.
 */
export async function readJsonBody(
  c: Context,
  accepted: readonly string[] = JSON_MEDIA_TYPES,
): Promise<{ hasBody: boolean; body: unknown }> {
  const length = Number(headerOf(c, 'content-length') ?? NaN);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const contentType = headerOf(c, 'content-type');
  // Before reading: a body in a media type we do not take is not worth receiving.
  if (length > 0) requireMediaType(contentType, accepted);
  const text = await bodyText(c);
  if (text.length === 0) return { hasBody: false, body: undefined };
  c.set(REQUEST_TEXT, text);
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  requireMediaType(contentType, accepted);
  requireJsonDepth(text);
  try {
    return { hasBody: true, body: JSON.parse(text) };
  } catch (err) {
    throw new DomainError(
      'bad_request',
      'malformed-json',
      'Malformed JSON',
      `The request body is not valid JSON: ${(err as Error).message}`,
    );
  }
}

/** The body as UTF-8 text (a byte order mark is not part of it). */
async function bodyText(c: Context): Promise<string> {
  const incoming = incomingOf(c);
  if (!incoming || incoming.readableDidRead) return c.req.text();
  const text = (await bodyBytes(c)).toString('utf8');
  // As the Fetch API's text() does: a UTF-8 byte order mark is not part of the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The body's bytes; from the Node stream directly when possible, stopping past the size limit. */
export async function bodyBytes(c: Context): Promise<Buffer> {
  const incoming = incomingOf(c);
  if (!incoming || incoming.readableDidRead) {
    const bytes = Buffer.from(await c.req.arrayBuffer());
    if (bytes.length > MAX_BODY_BYTES) throw tooLarge();
    return bytes;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  return chunks.length === 1 ? chunks[0]! : Buffer.concat(chunks);
}

export const tooLarge = () =>
  new DomainError(
    'payload_too_large',
    'payload-too-large',
    'Payload too large',
    `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`,
  );

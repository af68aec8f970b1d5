import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

export const MAX_BODY_BYTES = 1_000_000;

/** Under @hono/node-server, `c.env.incoming` is the Node request; elsewhere (app.request, MSW) it is absent. */
const incomingOf = (c: Context): IncomingMessage | undefined => (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;

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

/** Reads a JSON body, if any: 400 payload-too-large past 1 MB, 415 when not JSON, 400 when it does not parse. */
export async function readJsonBody(c: Context): Promise<{ hasBody: boolean; body: unknown }> {
  const length = Number(headerOf(c, 'content-length') ?? NaN);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const text = await bodyText(c);
  if (text.length === 0) return { hasBody: false, body: undefined };
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  const type = (headerOf(c, 'content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'application/json' && !type.endsWith('+json')) {
    throw new DomainError('bad_request', 'unsupported-media-type', 'Unsupported media type', `Bodies must be application/json; got ${type}.`);
  }
  try {
    return { hasBody: true, body: JSON.parse(text) };
  } catch (err) {
    throw new DomainError('bad_request', 'malformed-json', 'Malformed JSON', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

/** The body as UTF-8 text; from the Node stream directly when possible, stopping past the size limit. */
export async function bodyText(c: Context): Promise<string> {
  const incoming = incomingOf(c);
  if (!incoming || incoming.readableDidRead) return c.req.text();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) throw tooLarge();
    chunks.push(chunk);
  }
  const text = chunks.length === 1 ? chunks[0]!.toString('utf8') : Buffer.concat(chunks).toString('utf8');
  // As the Fetch API's text() does: a UTF-8 byte order mark is not part of the text.
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export const tooLarge = () =>
  new DomainError('bad_request', 'payload-too-large', 'Payload too large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);

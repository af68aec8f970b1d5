import type { Context } from 'hono';
import { DomainError } from '../domain/errors.ts';

export const MAX_BODY_BYTES = 1_000_000;

/** Reads a JSON body, if any: 413 when too large, 415 when not JSON, 400 when it does not parse. */
export async function readJsonBody(c: Context): Promise<{ hasBody: boolean; body: unknown }> {
  // A GET or HEAD has no body unless it declares one (Content-Length / Transfer-Encoding). Not touching
  // the body then spares @hono/node-server building a full Request object for every read.
  const declared = c.req.header('content-length');
  const method = c.req.method;
  if ((method === 'GET' || method === 'HEAD') && declared === undefined && c.req.header('transfer-encoding') === undefined) {
    return { hasBody: false, body: undefined };
  }
  const length = Number(declared ?? NaN);
  if (length > MAX_BODY_BYTES) throw tooLarge();
  const text = await c.req.text();
  if (text.length === 0) return { hasBody: false, body: undefined };
  if (Buffer.byteLength(text) > MAX_BODY_BYTES) throw tooLarge();
  const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type && type !== 'application/json' && !type.endsWith('+json')) {
    throw new DomainError('bad_request', 'unsupported-media-type', 'Unsupported media type', `Bodies must be application/json; got ${type}.`);
  }
  try {
    return { hasBody: true, body: JSON.parse(text) };
  } catch (err) {
    throw new DomainError('bad_request', 'malformed-json', 'Malformed JSON', `The request body is not valid JSON: ${(err as Error).message}`);
  }
}

const tooLarge = () =>
  new DomainError('bad_request', 'payload-too-large', 'Payload too large', `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);

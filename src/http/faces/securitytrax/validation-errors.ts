// The spec's validation failures of a request (paths into the parsed request, ajv's messages) as JSON:API
// error objects, with the statuses JSON:API names where it names one: a `type` not the endpoint's is 409, a
// field a PATCH cannot change is 403; a pointer always points at a member the request has.
import type { FieldError } from '../../../domain/errors.ts';
import type { ErrorSource } from './face-error.ts';
import { fieldNamesOf } from './fields.ts';
import { resourceTypeOfPath } from './resources/registry.ts';

export type JsonApiError = {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: ErrorSource;
  meta?: Record<string, unknown>;
};

/** The request an error is about: its path (the resource type) and method. */
export type RequestLine = { path: string; method: string };

const TITLES: Record<string, string> = {
  'unknown-member': 'Unknown member',
  required: 'Required member missing',
  'invalid-value': 'Invalid value',
};

const codeOfMessage = (message: string): string =>
  message === 'is not allowed' ? 'unknown-member' : message === 'is required' ? 'required' : 'invalid-value';

const typeMismatch = (request: RequestLine): JsonApiError => {
  const type = resourceTypeOfPath(request.path)?.type;
  return {
    status: '409',
    code: 'type-mismatch',
    title: 'Type mismatch',
    detail: `The document's resource type is not this endpoint's${type ? ` (${type})` : ''}.`,
    source: { pointer: '/data/type' },
  };
};

/** A field of the type that this PATCH may not change (JSON:API: an unsupported update is 403). */
function notUpdatable(f: FieldError, request: RequestLine): JsonApiError | undefined {
  const member = /^\/body\/data\/(attributes|relationships)\/([^/]+)$/.exec(f.path);
  const rt = resourceTypeOfPath(request.path);
  if (request.method !== 'PATCH' || f.message !== 'is not allowed' || !member || !rt) return undefined;
  if (!fieldNamesOf(rt).includes(member[2]!)) return undefined;
  return {
    status: '403',
    code: 'field-not-updatable',
    title: 'Field not updatable',
    detail: `${member[2]} of ${rt.type} cannot be changed through this API.`,
    source: { pointer: `/data/${member[1]}/${member[2]}` },
  };
}

export function fromValidationFailure(fields: readonly FieldError[], request: RequestLine): JsonApiError[] {
  return fields.map((f) => {
    if (f.path === '/body/data/type' && f.message.startsWith('must be equal to constant')) return typeMismatch(request);
    const forbidden = notUpdatable(f, request);
    if (forbidden) return forbidden;
    const [, where = '', ...rest] = f.path.split('/');
    const code = codeOfMessage(f.message);
    const base = { code, title: TITLES[code]! };
    if (where === 'header')
      return { ...base, status: '400', detail: `${rest.join('/')} ${f.message}`, source: { header: rest.join('/') } };
    if (where !== 'body') {
      const parameter = rest.join('/') || where;
      return { ...base, status: '400', detail: `${parameter} ${f.message}`, source: { parameter } };
    }
    // A missing member cannot be pointed at: the pointer names the object it is missing from.
    const member = rest.at(-1) ?? '';
    const at = code === 'required' ? rest.slice(0, -1) : rest;
    const pointer = at.length ? `/${at.join('/')}` : '';
    const detail =
      code === 'required' ? `${member} is required in ${pointer || 'the document'}` : `${pointer || '/'} ${f.message}`;
    return { ...base, status: '422', detail, source: { pointer } };
  });
}

// The one error vocabulary of the SecurityTrax face: JSON:API error documents, for every refusal.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, STATUS_BY_KIND, type FieldError } from '../../../domain/errors.ts';
import { FaceError, type ErrorSource } from './face-error.ts';
import { JSON_API } from './media-types.ts';
import { resourceTypeOfPath } from './resources/registry.ts';
import { toWirePointer } from './resources/input.ts';

export type JsonApiError = {
  status: string;
  code: string;
  title: string;
  detail: string;
  source?: ErrorSource;
  meta?: Record<string, unknown>;
};

// Where the shared pipeline's validation paths point in a JSON:API request.
function sourceOfRequestPath(path: string): { source: ErrorSource; status: number } {
  const [, where = '', ...rest] = path.split('/');
  const name = rest.join('/');
  if (where === 'body') return { source: { pointer: `/${name}`.replace(/\/$/, '') || '/' }, status: 422 };
  if (where === 'header') return { source: { header: name }, status: 400 };
  return { source: { parameter: name || where }, status: 400 };
}

/** The primary resource's `type` is not the endpoint's: JSON:API answers 409 Conflict, not a validation error. */
const isTypeMismatch = (f: FieldError) =>
  f.path === '/body/data/type' && f.message.startsWith('must be equal to constant');

function typeMismatch(path: string): JsonApiError {
  const type = resourceTypeOfPath(path)?.type;
  return {
    status: '409',
    code: 'type-mismatch',
    title: 'Type mismatch',
    detail: `The document's resource type is not this endpoint's${type ? ` (${type})` : ''}.`,
    source: { pointer: '/data/type' },
  };
}

const codeOfMessage = (message: string): string =>
  message === 'is not allowed' ? 'unknown-member' : message === 'is required' ? 'required' : 'invalid-value';

// Refusals of a request that links a related resource that does not exist: JSON:API answers those 404.
const RELATED_NOT_FOUND = new Set(['unknown-isp']);

function fromDomainError(err: DomainError, path: string): JsonApiError[] {
  const status = RELATED_NOT_FOUND.has(err.code) ? 404 : STATUS_BY_KIND[err.kind];
  const fields = (err.extensions.errors as FieldError[] | undefined) ?? [];
  if (err.code === 'validation-failed') {
    return fields.map((f) => {
      if (isTypeMismatch(f)) return typeMismatch(path);
      const { source, status: s } = sourceOfRequestPath(f.path);
      const code = codeOfMessage(f.message);
      const title =
        code === 'unknown-member'
          ? 'Unknown member'
          : code === 'required'
            ? 'Required member missing'
            : 'Invalid value';
      return {
        status: String(s),
        code,
        title,
        detail: `${source.pointer ?? source.parameter ?? source.header} ${f.message}`,
        source,
      };
    });
  }
  const meta: Record<string, unknown> = {};
  if (err.extensions.paymentId !== undefined) meta.payment_id = String(err.extensions.paymentId);
  if (err.extensions.reason !== undefined) meta.reason = err.extensions.reason;
  const base = {
    status: String(status),
    code: err.code,
    title: err.title,
    ...(Object.keys(meta).length ? { meta } : {}),
  };
  if (!fields.length) return [{ ...base, detail: err.message }];
  const type = resourceTypeOfPath(path);
  return fields.map((f) => ({
    ...base,
    detail: fields.length > 1 ? `${err.message} (${f.message})` : err.message,
    source: { pointer: toWirePointer(type, f.path) },
  }));
}

export function toJsonApiErrors(err: unknown, path: string, onUnexpected: (err: unknown) => void): JsonApiError[] {
  if (err instanceof FaceError)
    return [
      {
        status: String(err.status),
        code: err.code,
        title: err.title,
        detail: err.message,
        ...(err.source ? { source: err.source } : {}),
      },
    ];
  if (err instanceof DomainError) return fromDomainError(err, path);
  if (err instanceof HTTPException)
    return [
      {
        status: String(err.status),
        code: 'http-error',
        title: err.message || 'Request failed',
        detail: err.message || 'Request failed',
      },
    ];
  onUnexpected(err);
  return [
    {
      status: '500',
      code: 'internal-error',
      title: 'Internal error',
      detail: 'The simulator hit an unexpected error; it has been logged on the server.',
    },
  ];
}

/** The response status of several errors: theirs when they agree, else the most general class (400/422...). */
function statusOf(errors: JsonApiError[]): number {
  const statuses = [...new Set(errors.map((e) => Number(e.status)))];
  if (statuses.length === 1) return statuses[0]!;
  return statuses.some((s) => s >= 500) ? 500 : 400;
}

export function errorResponse(errors: JsonApiError[]): Response {
  const status = statusOf(errors);
  const headers: Record<string, string> = { 'content-type': JSON_API };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="securitytrax"';
  return new Response(JSON.stringify({ errors, jsonapi: { version: '1.1' } }), { status, headers });
}

export function onJsonApiError(onUnexpected: (err: unknown) => void) {
  return (err: unknown, c: Context): Response => errorResponse(toJsonApiErrors(err, c.req.path, onUnexpected));
}

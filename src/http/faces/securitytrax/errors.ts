// The one error vocabulary of the SecurityTrax face: JSON:API error documents, for every refusal.
import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, STATUS_BY_KIND, type FieldError } from '../../../domain/errors.ts';
import { FaceError } from './face-error.ts';
import { JSON_API } from './media-types.ts';
import { resourceTypeOfPath } from './resources/registry.ts';
import { toWirePointer } from './resources/input.ts';
import { fromValidationFailure, type JsonApiError, type RequestLine } from './validation-errors.ts';
import { retryAfterOf } from '../../problem.ts';
import { textResponse } from '../../answer-text.ts';

export type { JsonApiError } from './validation-errors.ts';

// Refusals of a request that links a related resource that does not exist: JSON:API answers those 404.
const RELATED_NOT_FOUND = new Set(['unknown-isp']);

// A PATCH to a resource of a type this API does not update: JSON:API answers an unsupported update with 403.
const UPDATE_PATH = /^\/securitytrax\/[^/]+\/user\/v1\/([a-z_]+)\/[^/]+$/;
const unsupportedUpdate = (request: RequestLine): JsonApiError | undefined => {
  const type = UPDATE_PATH.exec(request.path)?.[1];
  if (request.method !== 'PATCH' || !type || !resourceTypeOfPath(request.path)) return undefined;
  return {
    status: '403',
    code: 'update-not-supported',
    title: 'Update not supported',
    detail: `${type} cannot be updated through this API.`,
  };
};

function fromDomainError(err: DomainError, request: RequestLine): JsonApiError[] {
  const status = RELATED_NOT_FOUND.has(err.code) ? 404 : STATUS_BY_KIND[err.kind];
  const fields = (err.extensions.errors as FieldError[] | undefined) ?? [];
  if (err.code === 'validation-failed') return fromValidationFailure(fields, request);
  const unsupported = err.code === 'route-not-found' ? unsupportedUpdate(request) : undefined;
  if (unsupported) return [unsupported];
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
  const type = resourceTypeOfPath(request.path);
  return fields.map((f) => ({
    ...base,
    detail: fields.length > 1 ? `${err.message} (${f.message})` : err.message,
    source: { pointer: toWirePointer(type, f.path) },
  }));
}

function toJsonApiErrors(err: unknown, request: RequestLine, onUnexpected: (err: unknown) => void): JsonApiError[] {
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
  if (err instanceof DomainError) return fromDomainError(err, request);
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

function errorResponse(errors: JsonApiError[], extra: Record<string, string> = {}): Response {
  const status = statusOf(errors);
  const headers: Record<string, string> = { ...extra };
  if (status === 401) headers['www-authenticate'] = 'Bearer realm="securitytrax"';
  return textResponse(JSON.stringify({ errors, jsonapi: { version: '1.1' } }), status, JSON_API, headers);
}

export function onJsonApiError(onUnexpected: (err: unknown) => void) {
  return (err: unknown, c: Context): Response =>
    errorResponse(toJsonApiErrors(err, { path: c.req.path, method: c.req.method }, onUnexpected), retryAfterOf(err));
}

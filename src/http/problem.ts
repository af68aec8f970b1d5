import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { DomainError, STATUS_BY_KIND, type FieldError } from '../domain/errors.ts';
import { textResponse } from './answer-text.ts';

export const PROBLEM_BASE = 'https://trax-sim.dev/problems/';
export const PROBLEM_JSON = 'application/problem+json';

export type Problem = {
  type: string;
  title: string;
  status: number;
  detail: string;
  instance?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
};

export function problem(
  status: number,
  code: string,
  title: string,
  detail: string,
  extensions: Record<string, unknown> = {},
): Problem {
  return { type: `${PROBLEM_BASE}${code}`, title, status, detail, ...extensions };
}

export function problemResponse(p: Problem, headers: Record<string, string> = {}): Response {
  return textResponse(JSON.stringify(p), p.status, PROBLEM_JSON, headers);
}

/** Every thrown thing becomes problem+json; unknown errors become a 500 with no stack trace in it. */
function toProblem(err: unknown, instance: string, onUnexpected: (err: unknown) => void): Problem {
  if (err instanceof DomainError) {
    return { ...problem(STATUS_BY_KIND[err.kind], err.code, err.title, err.message, err.extensions), instance };
  }
  if (err instanceof HTTPException) {
    return problem(
      err.status,
      err.status === 404 ? 'not-found' : 'http-error',
      err.message || 'Request failed',
      err.message || 'Request failed',
      { instance },
    );
  }
  onUnexpected(err);
  return problem(
    500,
    'internal-error',
    'Internal error',
    'The simulator hit an unexpected error; it has been logged on the server. Please report it with this request.',
    { instance },
  );
}

export function onErrorHandler(onUnexpected: (err: unknown) => void) {
  return (err: unknown, c: Context): Response => {
    const p = toProblem(err, c.req.path, onUnexpected);
    const headers: Record<string, string> =
      p.status === 401 ? { 'www-authenticate': 'Basic realm="trax-sim", charset="UTF-8"' } : {};
    return problemResponse(p, { ...headers, ...retryAfterOf(err) });
  };
}

/** The Retry-After header an error asks for (a shared store whose database did not answer), in every face. */
export function retryAfterOf(err: unknown): Record<string, string> {
  const seconds = err instanceof DomainError ? err.extensions.retryAfterSeconds : undefined;
  return typeof seconds === 'number' ? { 'retry-after': String(seconds) } : {};
}

import type { Context } from 'hono';
import type { FieldError } from '../domain/errors.ts';
import { isApiPath } from './api-path.ts';
import { faceOfOperation, faceOfPath, type Face } from './face.ts';
import type { Operation } from './openapi-index.ts';
import { PROBLEM_JSON, problem, problemResponse } from './problem.ts';
import type { Validators } from './validator.ts';

export type ResponseViolation = {
  operationId: string | null;
  method: string;
  path: string;
  status: number;
  errors: FieldError[];
};

// Problems every operation may answer before its own logic runs (bad sandbox name, body unreadable, too
// large or not JSON, unknown sandbox): checked against the Problem schema rather than the operation's list.
const GENERIC_STATUSES = new Set([400, 404, 413, 415, 422]);
/** The specified faces of the simulator; anything else (the console at /, /billing, ...) is not an operation. */

/** The answer to send for `res`, the response of operation `op` (none: a route no operation matches). */
export type ResponseCheck = (c: Context, res: Response, op: Operation | undefined) => Promise<Response>;

/** Validates each response against the spec; a mismatch is reported and turned into a loud 500. */
export function responseValidation({
  validators,
  faces = [],
  onViolation,
  log,
}: {
  validators: Validators;
  faces?: readonly Face[];
  onViolation?: (v: ResponseViolation) => void;
  log?: (line: string) => void;
}): ResponseCheck {
  return async function validateResponse(c, res, op) {
    if (!isApiPath(c.req.path)) return res;
    const type = res.headers.get('content-type');
    const text = await res.clone().text();
    let body: unknown = text;
    // The face of the operation, or of the path for a route no operation matches (loaded by then).
    const face = (op ? faceOfOperation(faces, op) : faceOfPath(faces, c.req.path))?.loaded();
    const parse = face?.parseResponse;
    try {
      body = parse ? parse(text, type) : text ? JSON.parse(text) : undefined;
    } catch {
      /* a body that does not parse is reported by the schema check */
    }
    let errors: FieldError[];
    const isProblem = type?.startsWith(PROBLEM_JSON) ?? false;
    // A route no operation matches, under a face's path, answers in that face's own error format.
    const pathFace = op ? undefined : faceOfPath(faces, c.req.path);
    if (pathFace?.errorSchema) {
      errors = validators.schema(pathFace.errorSchema, body);
    } else if (pathFace) {
      errors = [];
    } else if (!op || (GENERIC_STATUSES.has(res.status) && isProblem)) {
      errors = isProblem
        ? validators.problem(body)
        : [{ path: '/content-type', message: 'unknown routes must answer problem+json' }];
    } else {
      errors = validators.response(op, res.status, type, body);
    }
    if (face?.validateDocument) errors.push(...face.validateDocument(body, type));
    // 503/504 are documented simulated faults; a 500 is a bug unless its face says otherwise (SOAP 1.1 faults).
    if (res.status === 500 && !face?.expectedServerError?.(body))
      errors.push({ path: '/status', message: `server error ${res.status}: ${text.slice(0, 300)}` });
    if (!errors.length) return res;
    const violation = {
      operationId: op?.operationId ?? null,
      method: c.req.method,
      path: c.req.path,
      status: res.status,
      errors,
    };
    onViolation?.(violation);
    log?.(`response violates the spec: ${JSON.stringify(violation)}`);
    return problemResponse(
      problem(
        500,
        'response-invalid',
        'Response does not match the spec',
        errors.map((e) => `${e.path} ${e.message}`).join('; '),
        { errors, violation },
      ),
    );
  };
}

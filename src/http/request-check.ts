// The spec's request rules (card number pattern, CVV length, amount maximum...) for writes that do not come
// through the pipeline: the console builds the API request of the operation it performs and checks it here,
// with the same validators, before calling the service. A refusal is the API's own problem.
import { DomainError, type FieldError } from '../domain/errors.ts';
import { compiledSpec } from './compiled-spec.ts';
import type { OperationId } from './operation.ts';

/** The API's answer to a request the spec does not allow: 422 `validation-failed`, naming every failing path. */
export function requestRefused(errors: FieldError[]): DomainError {
  return new DomainError(
    'validation',
    'validation-failed',
    'Request does not match the API',
    errors.map((e) => `${e.path} ${e.message}`).join('; '),
    { errors },
  );
}

export type ApiRequest = { path?: Record<string, string>; body?: unknown };

/** Throws `requestRefused` when `request`, sent to `operationId`, would be refused by the API's validation. */
export function checkApiRequest(operationId: OperationId, request: ApiRequest): void {
  const { index, validators } = compiledSpec();
  const op = index.byId.get(operationId);
  if (!op) throw new Error(`No operation ${operationId} in the spec`);
  const { errors } = validators.request(op, {
    path: request.path ?? {},
    query: {},
    headers: {},
    body: request.body,
    hasBody: request.body !== undefined,
  });
  if (errors.length) throw requestRefused(errors);
}

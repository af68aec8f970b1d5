// Typed errors for application/problem+json answers (`type = https://trax-sim.dev/problems/<code>`).
import type { components } from '../../src/generated/openapi.ts';

export type Problem = components['schemas']['Problem'];
export type BillingNotConfiguredReason = NonNullable<Problem['reasons']>[number];
export type DeclineReason = components['schemas']['DeclineReason'];

export const PROBLEM_BASE = 'https://trax-sim.dev/problems/';

/** Any non-2xx answer. `code` is the last segment of the problem type, e.g. `payment-declined`. */
export class ProblemError extends Error {
  readonly status: number;
  readonly problem: Problem;
  readonly code: string;
  constructor(problem: Problem) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = 'ProblemError';
    this.status = problem.status;
    this.problem = problem;
    this.code = problem.type.startsWith(PROBLEM_BASE) ? problem.type.slice(PROBLEM_BASE.length) : problem.type;
  }
}

/** 409 `billing-not-configured`: the Billing screen shows "Billing Not Configured" with these reasons. */
export class BillingNotConfiguredError extends ProblemError {
  readonly reasons: BillingNotConfiguredReason[];
  constructor(problem: Problem) {
    super(problem);
    this.name = 'BillingNotConfiguredError';
    this.reasons = problem.reasons ?? [];
  }
}

/** 402 `payment-declined`: the failed attempt was recorded as `paymentId`; no balance changed. */
export class PaymentDeclinedError extends ProblemError {
  readonly paymentId: number | undefined;
  readonly reason: DeclineReason | undefined;
  constructor(problem: Problem) {
    super(problem);
    this.name = 'PaymentDeclinedError';
    this.paymentId = problem.paymentId;
    this.reason = problem.reason;
  }
}

/** 422 with field errors (`validation-failed`, or a broken rule such as `amount-exceeds-balance`). */
export class ValidationProblemError extends ProblemError {
  readonly errors: NonNullable<Problem['errors']>;
  constructor(problem: Problem) {
    super(problem);
    this.name = 'ValidationProblemError';
    this.errors = problem.errors ?? [];
  }
}

const isObject = (body: unknown): body is Record<string, unknown> =>
  body !== null && typeof body === 'object' && !Array.isArray(body);

/** The typed error for a non-2xx answer (a body that is not a problem is wrapped in one). */
export function toProblemError(status: number, statusText: string, body: unknown): ProblemError {
  const title = statusText || `HTTP ${status}`;
  const problem: Problem =
    isObject(body) && typeof body.type === 'string'
      ? { title, detail: '', ...body, type: body.type, status: typeof body.status === 'number' ? body.status : status }
      : { type: 'about:blank', title, status, detail: typeof body === 'string' ? body : JSON.stringify(body ?? null) };
  const code = problem.type.startsWith(PROBLEM_BASE) ? problem.type.slice(PROBLEM_BASE.length) : '';
  if (code === 'billing-not-configured') return new BillingNotConfiguredError(problem);
  if (code === 'payment-declined') return new PaymentDeclinedError(problem);
  if (status === 422) return new ValidationProblemError(problem);
  return new ProblemError(problem);
}

/** `isProblem(err, 'not-found')`: a ProblemError, optionally with that code. */
export function isProblem(err: unknown, code?: string): err is ProblemError {
  return err instanceof ProblemError && (code === undefined || err.code === code);
}

import type { ResponseViolation } from '../../src/http/response-validation.ts';

/** Every response a test app sends is validated; violations land here and fail the running test. */
export const violations: ResponseViolation[] = [];
export const recordViolation = (v: ResponseViolation): void => void violations.push(v);

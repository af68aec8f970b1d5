// Stage: the face's own refusals before the body is read or validated (SecurityTrax: Accept, the integrator
// key, the bearer token, the query's parameter names), in the order its clients expect them.
import type { Stage } from './stage.ts';

export const faceChecksStage: Stage = (op, next) => (r) => {
  r.face?.before?.(r.c, op, r.sandbox!);
  return next(r);
};

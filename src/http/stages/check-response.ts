// Stage: strict response validation (tests, --strict). Every answer, errors included, is checked against the
// spec (and the face's own document rules) before it is sent; a violation is reported and becomes a loud 500.
import type { ResponseCheck } from '../response-validation.ts';
import type { AnswerStage } from './stage.ts';

export const checkResponseStage =
  (check: ResponseCheck): AnswerStage =>
  (op, next) =>
  (r) => {
    const res = next(r);
    return res instanceof Promise ? res.then((x) => check(r.c, x, op)) : check(r.c, res, op);
  };

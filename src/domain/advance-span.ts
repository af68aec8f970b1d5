// How far one clock advance may go, and the steps a long one is run in.
import { addDuration, toInstant } from './dates.ts';
import { invalid } from './errors.ts';
import type { IsoInstant } from './types.ts';

/**
 * One advance covers at most 10 years: 120 billing cycles, more than any schedule, installment plan or
 * card in a test needs, while bounding the work one anonymous request can ask for. Longer: several calls.
 */
const MAX_ADVANCE_YEARS = 10;
export const MAX_ADVANCE = `P${MAX_ADVANCE_YEARS}Y`;

/** An advance runs (and is committed) one step of at most a month at a time; see the service. */
const ADVANCE_STEP = 'P1M';

const tooFar = (from: IsoInstant, path: string): Error =>
  invalid(
    'advance-too-long',
    'Advance too long',
    `One advance may move the clock at most ${MAX_ADVANCE_YEARS} years (${MAX_ADVANCE}), to ${addDuration(from, MAX_ADVANCE)}; advance in several steps.`,
    [{ path, message: `must be at most ${MAX_ADVANCE} after the current time` }],
  );

/** The instant an advance request `{ by }` or `{ to }` means from `now`; 422 past the maximum span. */
export function advanceTarget(now: IsoInstant, input: { by?: string; to?: string }): IsoInstant {
  const path = input.by !== undefined ? '/by' : '/to';
  let target: IsoInstant;
  try {
    target = input.by !== undefined ? addDuration(now, input.by) : toInstant(input.to ?? now);
  } catch (err) {
    if (err instanceof RangeError) throw tooFar(now, path); // past the last date a Date can hold
    throw err;
  }
  if (Date.parse(target) > Date.parse(addDuration(now, MAX_ADVANCE))) throw tooFar(now, path);
  return target;
}

/** The end of the step that starts at `at`: a month on, or the target if that is sooner. */
export function advanceStepEnd(at: IsoInstant, target: IsoInstant): IsoInstant {
  const next = addDuration(at, ADVANCE_STEP);
  return Date.parse(next) < Date.parse(target) ? next : target;
}

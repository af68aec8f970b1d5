import { problem, problemResponse } from '../problem.ts';

/** A guard's refusal: problem+json with a stable code, like every other error of the simulator. */
export function refusal(
  status: 401 | 403,
  code: string,
  title: string,
  detail: string,
  instance: string,
  headers: Record<string, string> = {},
): Response {
  return problemResponse(problem(status, code, title, detail, { instance }), headers);
}

/** Paths of the control API; the console (any path outside the API faces) is guarded alike. */
export const isControlPath = (path: string): boolean => path === '/__sim' || path.startsWith('/__sim/');

// A client's read of GET /__sim/coverage: the report of one sandbox, of every sandbox, or of the sandboxes
// created with a tag (one CI run's). Used by `trax-sim coverage`, startSimulator().coverage() and the pact
// verification; a refusal (unknown tag or sandbox, a missing admin token) is thrown with the server's problem.
import type { components } from '../generated/openapi.ts';

export type CoverageReport = components['schemas']['Coverage'];
export type CoverageBehaviour = CoverageReport['behaviours'][number];

/** Whose coverage: a sandbox (default: `default`), the sandboxes created with `tag`, or every sandbox. */
export type CoverageScope = { sandbox?: string } | { tag: components['schemas']['CoverageTag'] } | { all: true };

type Problem = { status: number; title?: string; detail?: string; code?: string };

/** The server refused the read: `problem` is its answer (application/problem+json) when it sent one. */
export class CoverageReadError extends Error {
  readonly status: number;
  readonly problem: Problem | null;
  constructor(status: number, problem: Problem | null, text: string) {
    const said = problem ? [problem.title, problem.detail].filter(Boolean).join(': ') : text.trim().slice(0, 200);
    super(`GET /__sim/coverage answered ${status}${said ? `: ${said}` : ''}`);
    this.name = 'CoverageReadError';
    this.status = status;
    this.problem = problem;
  }
}

export type ReadCoverageOptions = {
  /** The simulator's base URL (http://127.0.0.1:4010, or one ending in /sandboxes/NAME). */
  url: string;
  scope?: CoverageScope;
  /** The admin token, when /__sim is protected. */
  adminToken?: string;
};

export async function readCoverage({ url, scope = {}, adminToken }: ReadCoverageOptions): Promise<CoverageReport> {
  const target = new URL(`${url.replace(/\/+$/, '')}/__sim/coverage`);
  const headers: Record<string, string> = { accept: 'application/json' };
  if ('all' in scope) target.searchParams.set('all', 'true');
  else if ('tag' in scope) target.searchParams.set('tag', scope.tag);
  else if (scope.sandbox !== undefined) headers['x-sandbox'] = scope.sandbox;
  if (adminToken) headers.authorization = `Bearer ${adminToken}`;
  const res = await fetch(target, { headers });
  const text = await res.text();
  if (!res.ok) throw new CoverageReadError(res.status, problemOf(text, res.status), text);
  return JSON.parse(text) as CoverageReport;
}

function problemOf(text: string, status: number): Problem | null {
  try {
    const body = JSON.parse(text) as Partial<Problem> & { type?: string };
    if (typeof body !== 'object' || body === null) return null;
    // The problem's code is the last segment of its type (https://trax-sim.dev/problems/tag-not-found).
    return { ...body, status, code: body.type?.split('/').pop() };
  } catch {
    return null;
  }
}

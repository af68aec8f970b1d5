// The bar a CI build sets on coverage: behaviours that must have been exercised (--require) and/or a least
// share of the catalogue (--min). Judged on the server's report: its catalogue is the one ids are checked against.
import { distance } from 'fastest-levenshtein';
import type { CoverageBehaviour, CoverageReport } from './read-coverage.ts';

export type CoverageBar = { require: readonly string[]; min?: number };

export type Verdict = {
  /** Every required behaviour exercised and the share at least `min`. */
  met: boolean;
  /** Required behaviours never exercised, in catalogue order. */
  requiredMissing: CoverageBehaviour[];
  /** Exercised behaviours / catalogue, in percent (not rounded). */
  percent: number;
  /** false when `min` is given and not reached. */
  minMet: boolean;
  /** Every behaviour never exercised, in catalogue order. */
  uncovered: CoverageBehaviour[];
};

/** `60%`, `60` or `62.5%` as a number from 0 to 100; null when it is none of those. */
export function parseMin(raw: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*%?\s*$/.exec(raw);
  if (!m) return null;
  const n = Number(m[1]);
  return n <= 100 ? n : null;
}

export function judge(report: CoverageReport, bar: CoverageBar): Verdict {
  const required = new Set(bar.require);
  const uncovered = report.behaviours.filter((b) => b.count === 0);
  const requiredMissing = uncovered.filter((b) => required.has(b.id));
  const { total, covered } = report.summary.behaviours;
  const percent = total ? (covered / total) * 100 : 100;
  const minMet = bar.min === undefined || percent >= bar.min;
  return { met: minMet && requiredMissing.length === 0, requiredMissing, percent, minMet, uncovered };
}

export type UnknownId = { id: string; close: string[] };

/** The ids of `wanted` the catalogue lacks, each with the catalogue's ids closest to it (a typo's fix). */
export function unknownIds(report: CoverageReport, wanted: readonly string[]): UnknownId[] {
  const ids = report.behaviours.map((b) => b.id);
  const known = new Set(ids);
  return wanted.filter((id) => !known.has(id)).map((id) => ({ id, close: closeIds(id, ids) }));
}

/** At most five ids within a few edits of `id`, or containing it (`card_declined` -> `decline.card_declined`). */
function closeIds(id: string, ids: readonly string[]): string[] {
  const wanted = id.toLowerCase();
  const limit = Math.max(2, Math.floor(wanted.length / 3));
  return ids
    .map((candidate) => ({ candidate, d: distance(wanted, candidate.toLowerCase()) }))
    .filter(({ candidate, d }) => d <= limit || (wanted.length >= 4 && candidate.toLowerCase().includes(wanted)))
    .sort((a, b) => a.d - b.d || a.candidate.localeCompare(b.candidate))
    .slice(0, 5)
    .map(({ candidate }) => candidate);
}

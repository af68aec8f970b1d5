// Two coverage reports of the same catalogue as one: what a run that used (and deleted) several sandboxes
// exercised in all, e.g. a pact verification, one sandbox per interaction. Counts add up; `first` is the earlier.
import { coverageCount } from '../http/coverage-report.ts';
import type { CoverageReport } from './read-coverage.ts';

export function mergeCoverage(a: CoverageReport, b: CoverageReport): CoverageReport {
  const theirs = new Map(b.behaviours.map((x) => [x.id, x]));
  const behaviours = a.behaviours.map((x) => {
    const y = theirs.get(x.id);
    if (!y) return x;
    const first = !x.first ? y.first : !y.first || x.first.at <= y.first.at ? x.first : y.first;
    return { ...x, count: x.count + y.count, first };
  });
  const key = (o: { operationId: string; status: number }) => `${o.operationId} ${o.status}`;
  const answered = new Map(b.operations.map((o) => [key(o), o.count]));
  const operations = a.operations.map((o) => ({ ...o, count: o.count + (answered.get(key(o)) ?? 0) }));
  return {
    sandboxes: [...new Set([...a.sandboxes, ...b.sandboxes])],
    tag: a.tag === b.tag ? a.tag : null,
    summary: {
      behaviours: coverageCount(behaviours.length, behaviours.filter((x) => x.count > 0).length),
      operations: coverageCount(operations.length, operations.filter((o) => o.count > 0).length),
    },
    behaviours,
    operations,
  };
}

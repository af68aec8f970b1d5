// The coverage report: the behaviour catalogue and the spec's operations x statuses, each with what the
// tallies of the sandboxes asked for counted (summed over them; `first` is the earliest on their clocks).
import type { Behaviour } from '../domain/behaviours/catalogue.ts';
import type { components } from '../generated/openapi.ts';
import type { CoverageTallies, Hit } from '../services/coverage-service.ts';
import type { OpenApiIndex } from './openapi-index.ts';

export type CoverageReport = components['schemas']['Coverage'];
type First = components['schemas']['CoverageFirst'];

/** Every operation x documented status (ranges and `default` are not statuses an answer can be counted by). */
const statusesOf = (index: OpenApiIndex) =>
  index.operations.flatMap((op) =>
    Object.keys(op.responses)
      .filter((s) => /^\d{3}$/.test(s))
      .map((s) => ({ operationId: op.operationId, face: op.tags[0] ?? '', status: Number(s) })),
  );
// The spec's index does not change: its 310 pairs are listed once per index, not on every read.
const listed = new WeakMap<OpenApiIndex, ReturnType<typeof statusesOf>>();
const documentedStatuses = (index: OpenApiIndex) => {
  let found = listed.get(index);
  if (!found) listed.set(index, (found = statusesOf(index)));
  return found;
};

function merged(t: CoverageTallies, part: 'behaviours' | 'operations') {
  const out = new Map<string, { count: number; first: First }>();
  for (const { sandbox, coverage } of t.tallies) {
    for (const [key, hit] of coverage?.[part] ?? new Map<string, Hit>()) {
      const first = { sandbox, ...hit.first };
      const found = out.get(key);
      if (!found) out.set(key, { count: hit.count, first });
      else {
        found.count += hit.count;
        if (first.at < found.first.at) found.first = first;
      }
    }
  }
  return out;
}

/** A coverage count: how many of `total` were covered, and the share in percent to one decimal. */
export const coverageCount = (total: number, covered: number) => ({
  total,
  covered,
  percent: total ? Math.round((covered / total) * 1000) / 10 : 100,
});

export function coverageReport(
  catalogue: readonly Behaviour[],
  index: OpenApiIndex,
  t: CoverageTallies,
): CoverageReport {
  const seen = merged(t, 'behaviours');
  const answered = merged(t, 'operations');
  const behaviours = catalogue.map((b) => {
    const hit = seen.get(b.id);
    return { ...b, count: hit?.count ?? 0, first: hit?.first ?? null };
  });
  const documented = documentedStatuses(index);
  const keys = new Set(documented.map((o) => `${o.operationId} ${o.status}`));
  // A status the spec does not document is listed too (strict mode refuses to send one, so rarely).
  const faceOf = new Map(index.operations.map((op) => [op.operationId, op.tags[0] ?? '']));
  const extra = [...answered.keys()]
    .filter((k) => !keys.has(k))
    .map((k) => {
      const [operationId = '', status = '0'] = k.split(' ');
      return { operationId, face: faceOf.get(operationId) ?? '', status: Number(status) };
    });
  const operations = [...documented, ...extra].map((o) => ({
    ...o,
    count: answered.get(`${o.operationId} ${o.status}`)?.count ?? 0,
  }));
  return {
    sandboxes: t.sandboxes,
    tag: t.tag,
    summary: {
      behaviours: coverageCount(behaviours.length, behaviours.filter((b) => b.count > 0).length),
      operations: coverageCount(operations.length, operations.filter((o) => o.count > 0).length),
    },
    behaviours,
    operations,
  };
}

import { describe, expect, it } from 'vitest';
import { mergeCoverage } from './merge-coverage.ts';
import type { CoverageReport } from './read-coverage.ts';

const at = (sandbox: string, iso: string) => ({
  sandbox,
  at: iso,
  method: 'GET',
  path: '/alarm-com/api/billing/summary',
  status: 200,
  operationId: 'getBillingSummary',
  journalId: 1,
});
const report = (sandbox: string, counts: [number, number], op: number, iso: string): CoverageReport => ({
  sandboxes: [sandbox],
  tag: null,
  summary: { behaviours: { total: 2, covered: 0, percent: 0 }, operations: { total: 1, covered: 0, percent: 0 } },
  behaviours: ['past-due', 'balance-due'].map((id, i) => ({
    id,
    group: 'rule' as const,
    sentence: id,
    scenario: 'three-past-due',
    count: counts[i]!,
    first: counts[i] ? at(sandbox, iso) : null,
  })),
  operations: [{ operationId: 'getBillingSummary', face: 'AlarmComBilling', status: 200, count: op }],
});

describe('mergeCoverage', () => {
  it('adds the counts of two reports, keeps the earlier first request, and sums up again', () => {
    const merged = mergeCoverage(
      report('pact-1', [1, 0], 1, '2019-03-03T00:00:00.000Z'),
      report('pact-2', [2, 0], 2, '2019-01-01T00:00:00.000Z'),
    );
    expect(merged.sandboxes).toEqual(['pact-1', 'pact-2']);
    expect(merged.behaviours.map((b) => [b.id, b.count, b.first?.sandbox ?? null])).toEqual([
      ['past-due', 3, 'pact-2'],
      ['balance-due', 0, null],
    ]);
    expect(merged.operations[0]!.count).toBe(3);
    expect(merged.summary).toEqual({
      behaviours: { total: 2, covered: 1, percent: 50 },
      operations: { total: 1, covered: 1, percent: 100 },
    });
  });
});

// The formats of `trax-sim coverage` and its bar, on a small report of the server's shape.
import { XMLParser } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { judge, parseMin, unknownIds } from './coverage-bar.ts';
import { htmlReport } from './html-report.ts';
import { junitReport } from './junit-report.ts';
import type { CoverageReport } from './read-coverage.ts';
import { summaryLine, textReport, verdictText } from './text-report.ts';

const first = {
  sandbox: 'ci-7-a',
  at: '2019-03-03T09:00:00.000Z',
  method: 'GET',
  path: '/alarm-com/api/billing/summary',
  status: 200,
  operationId: 'getBillingSummary',
  journalId: 4,
};
const report: CoverageReport = {
  sandboxes: ['ci-7-a', 'ci-7-b'],
  tag: 'ci-7',
  summary: {
    behaviours: { total: 4, covered: 1, percent: 25 },
    operations: { total: 2, covered: 1, percent: 50 },
  },
  behaviours: [
    {
      id: 'balance-due',
      group: 'rule',
      sentence: 'A balance is due <now> & then.',
      scenario: 'declined-card',
      count: 2,
      first,
    },
    {
      id: 'past-due',
      group: 'rule',
      sentence: 'An invoice still owing is past due.',
      scenario: 'three-past-due',
      count: 0,
      first: null,
    },
    {
      id: 'decline.card_declined',
      group: 'decline',
      sentence: 'A charge is declined (card_declined).',
      scenario: 'declined-card',
      count: 0,
      first: null,
    },
    {
      id: 'decline.insufficient_funds',
      group: 'decline',
      sentence: 'Insufficient funds.',
      scenario: 'declines',
      count: 0,
      first: null,
    },
  ],
  operations: [
    { operationId: 'getBillingSummary', face: 'AlarmComBilling', status: 200, count: 2 },
    { operationId: 'getBillingSummary', face: 'AlarmComBilling', status: 409, count: 0 },
  ],
};

describe('the coverage bar', () => {
  it('reads --min as a percentage, with or without the sign, and refuses anything else', () => {
    expect([parseMin('60%'), parseMin('60'), parseMin('62.5%'), parseMin('0'), parseMin('100%')]).toEqual([
      60, 60, 62.5, 0, 100,
    ]);
    expect([parseMin('101%'), parseMin('sixty'), parseMin('-5'), parseMin('')]).toEqual([null, null, null, null]);
  });

  it('is met when every required behaviour was exercised and the share reaches --min', () => {
    expect(judge(report, { require: ['balance-due'], min: 25 }).met).toBe(true);
    const v = judge(report, { require: ['balance-due', 'past-due'], min: 26 });
    expect(v).toMatchObject({ met: false, minMet: false, percent: 25 });
    expect(v.requiredMissing.map((b) => b.id)).toEqual(['past-due']);
    expect(v.uncovered.map((b) => b.id)).toEqual(['past-due', 'decline.card_declined', 'decline.insufficient_funds']);
    expect(judge(report, { require: [] }).met).toBe(true);
  });

  it('names an unknown behaviour id with the close ones: a typo, or the part after the group', () => {
    expect(unknownIds(report, ['past-due', 'past-du', 'card_declined', 'zzzzzz'])).toEqual([
      { id: 'past-du', close: ['past-due'] },
      { id: 'card_declined', close: ['decline.card_declined'] },
      { id: 'zzzzzz', close: [] },
    ]);
  });
});

describe('the text report', () => {
  it('gives the summary, what was exercised, and each behaviour never exercised with its scenario', () => {
    const text = textReport(report);
    expect(text).toContain('Behaviour coverage of the sandboxes tagged ci-7 (ci-7-a, ci-7-b)');
    expect(text).toContain('1 of 4 behaviours exercised (25%)');
    expect(text).toContain('1 of 2 operation x status pairs answered (50%)');
    expect(text).toMatch(/Exercised \(1\):\n {2}- balance-due {2}x2/);
    expect(text).toContain(
      '  - past-due: An invoice still owing is past due.\n      exercised by the bundled scenario three-past-due (trax-sim scenario run three-past-due)',
    );
    expect(summaryLine(report)).toBe('1 of 4 behaviours exercised (25%)');
  });

  it('lists only the missing required behaviours when --require fails, and every uncovered one below --min', () => {
    const bar = { require: ['past-due'], min: undefined };
    const failed = verdictText(judge(report, bar), bar);
    expect(failed).toContain('bar NOT met');
    expect(failed).toContain('1 required behaviour(s) never exercised by your tests:\n  - past-due: ');
    expect(failed).not.toContain('decline.card_declined');
    const min = { require: ['past-due'], min: 50 };
    const below = verdictText(judge(report, min), min);
    expect(below).toContain('25% of the behaviours exercised, below 50%; never exercised (3):');
    expect(below).toContain('- past-due (required): ');
    expect(below).toContain('- decline.insufficient_funds: Insufficient funds.');
    const met = { require: ['balance-due'], min: 20 };
    expect(verdictText(judge(report, met), met)).toMatch(/^trax-sim coverage: bar met/);
  });
});

type Case = { '@_name': string; '@_classname': string; skipped?: unknown; failure?: { '@_message': string } };
const casesOf = (xml: string): Case[] => {
  const parsed = new XMLParser({
    ignoreAttributes: false,
    isArray: (n) => n === 'testsuite' || n === 'testcase',
  }).parse(xml);
  return (parsed.testsuites.testsuite as { testcase: Case[] }[]).flatMap((s) => s.testcase);
};

describe('the JUnit report', () => {
  it('has one test case per behaviour: exercised passes, never exercised is skipped, or failed when required', () => {
    const bar = { require: ['past-due'] };
    const cases = casesOf(junitReport(report, bar, judge(report, bar)));
    expect(cases.map((c) => c['@_name'])).toEqual(report.behaviours.map((b) => b.id));
    const by = Object.fromEntries(cases.map((c) => [c['@_name'], c]));
    expect(by['balance-due']!.skipped ?? by['balance-due']!.failure).toBeUndefined();
    expect(by['balance-due']!['@_classname']).toBe('trax-sim.coverage.rule');
    expect(by['past-due']!.failure!['@_message']).toContain('three-past-due');
    expect(by['decline.card_declined']!.skipped).toBeDefined();
    expect(by['decline.card_declined']!.failure).toBeUndefined();
  });

  it('adds one "coverage bar" test case for --min, failed below it', () => {
    const bar = { require: [], min: 30 };
    const cases = casesOf(junitReport(report, bar, judge(report, bar)));
    expect(cases).toHaveLength(report.behaviours.length + 1);
    const gate = cases.at(-1)!;
    expect(gate['@_name']).toBe('at least 30% of the behaviours exercised');
    expect(gate.failure!['@_message']).toBe('25% exercised (1 of 4), below 30%');
    const met = { require: [], min: 25 };
    expect(casesOf(junitReport(report, met, judge(report, met))).at(-1)!.failure).toBeUndefined();
  });
});

describe('the HTML report', () => {
  it('is one self-contained page: no script, no external resource, every text escaped', () => {
    const bar = { require: ['past-due'] };
    const html = htmlReport(report, bar, judge(report, bar));
    expect(html).toMatch(/^<!doctype html>\n<html lang="en">/);
    expect(html).not.toMatch(/<script|<link|src=|href=/);
    expect(html).toContain('A balance is due &lt;now&gt; &amp; then.');
    expect(html).toContain('<code>past-due</code> <span class="required">(required)</span>');
    expect(html).toContain('bundled scenario <code>three-past-due</code> exercises it');
    expect(html).toContain('Bar not met: 1 of 1 required never exercised');
  });
});

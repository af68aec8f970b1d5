// The Coverage page's pieces: the catalogue as a checklist by behaviour group (each face's refusals a group of
// their own), each behaviour covered with its first request or uncovered with the scenario that exercises it,
// and links to the groups.
import { FACE_REFUSALS } from '../http/coverage-catalogue.ts';
import type { CoverageReport } from '../http/coverage-report.ts';
import { refusalId } from '../http/refusal-marks.ts';
import { instantText } from './components.tsx';
import type { ConsoleCx } from './context.ts';

type Item = CoverageReport['behaviours'][number];
type Group = { key: string; title: string; has: (b: Item) => boolean };

const byGroup = (group: Item['group'], key: string, title: string): Group => ({
  key,
  title,
  has: (b) => b.group === group,
});

/** The catalogue's groups in reading order; refusals split per face (their ids carry the face's tag). */
const GROUPS: readonly Group[] = [
  byGroup('rule', 'rules', 'Rules'),
  byGroup('billing-not-configured', 'billing-not-configured', 'Billing Not Configured'),
  byGroup('decline', 'declines', 'Declines'),
  byGroup('fault', 'faults', 'Faults'),
  byGroup('retry', 'retries', 'Retries'),
  byGroup('token', 'tokens', 'Tokens'),
  ...FACE_REFUSALS.map(({ tag, name }) => ({
    key: `refusals-${tag}`,
    title: `Refusals of the ${name}`,
    has: (b: Item) => b.group === 'refusal' && b.id.startsWith(refusalId(tag, '')),
  })),
];

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function FirstRequest({ b, many }: { b: Item; many: boolean }) {
  const first = b.first;
  if (!first) return null;
  return (
    <p class="small" data-testid="first-request">
      {plural(b.count, 'request')}; first{' '}
      <code>
        {first.method} {first.path}
      </code>{' '}
      answered {first.status} at {instantText(first.at)}
      {many ? (
        <span>
          {' '}
          in <code>{first.sandbox}</code>
        </span>
      ) : null}
      {first.journalId !== null ? <span> (journal #{first.journalId})</span> : null}.
    </p>
  );
}

/** The uncovered behaviour's scenario, loaded into this sandbox through the Time page's confirmation step. */
function ScenarioLink({ cx, b }: { cx: ConsoleCx; b: Item }) {
  return (
    <p class="small" data-testid="exercised-by">
      Exercised by the bundled scenario <code>{b.scenario}</code>:{' '}
      <a href={cx.href('/time/scenarios/load', { scenario: b.scenario })} data-testid={`load-scenario-${b.id}`}>
        Load {b.scenario} into {cx.sandbox}
      </a>
    </p>
  );
}

function BehaviourItem({ cx, b, many }: { cx: ConsoleCx; b: Item; many: boolean }) {
  const covered = b.count > 0;
  return (
    <li data-behaviour={b.id} data-covered={covered ? 'yes' : 'no'}>
      <span class={`badge ${covered ? 'ok' : 'bad'}`}>{covered ? '✓ Covered' : '✗ Not covered'}</span>{' '}
      <code>{b.id}</code>
      <p>{b.sentence}</p>
      {covered ? <FirstRequest b={b} many={many} /> : <ScenarioLink cx={cx} b={b} />}
    </li>
  );
}

/** Each group's behaviours and how many are covered. */
function grouped(report: CoverageReport) {
  return GROUPS.map((g) => {
    const all = report.behaviours.filter(g.has);
    return { ...g, all, covered: all.filter((b) => b.count > 0).length };
  });
}

/** Links to each group and to the operations table: a keyboard user skips the long lists. */
export function GroupLinks({ report }: { report: CoverageReport }) {
  const { covered, total } = report.summary.operations;
  return (
    <nav aria-label="Coverage groups" class="card" data-testid="coverage-groups">
      <ul class="jump">
        {grouped(report).map((g) => (
          <li>
            <a href={`#group-${g.key}`}>{g.title}</a> <span class="muted small">{`${g.covered}/${g.all.length}`}</span>
          </li>
        ))}
        <li>
          <a href="#operations-heading" data-testid="jump-operations">
            Operations × statuses
          </a>{' '}
          <span class="muted small">{`${covered}/${total}`}</span>
        </li>
      </ul>
    </nav>
  );
}

/** One card per group: its covered count, then its behaviours (only the uncovered ones when asked). */
export function Checklist({
  cx,
  report,
  onlyUncovered,
}: {
  cx: ConsoleCx;
  report: CoverageReport;
  onlyUncovered: boolean;
}) {
  const many = report.sandboxes.length > 1;
  return (
    <div data-testid="checklist">
      {grouped(report).map(({ key, title, all, covered }) => {
        const shown = onlyUncovered ? all.filter((b) => b.count === 0) : all;
        const headingId = `group-${key}`;
        return (
          <section class="card" aria-labelledby={headingId} data-group={key}>
            <h2 id={headingId} tabindex={-1}>
              {title} <span class="muted small">{`${covered} of ${all.length} covered`}</span>
            </h2>
            {shown.length ? (
              <ul class="checklist">
                {shown.map((b) => (
                  <BehaviourItem cx={cx} b={b} many={many} />
                ))}
              </ul>
            ) : (
              <p class="muted small">Every behaviour of this group is covered.</p>
            )}
          </section>
        );
      })}
    </div>
  );
}

// The Time page's scenarios: the list (Load asks first, Run replays), the confirm step of a load, and
// the shelf of run reports that GET /time/runs/:id serves after the POST redirects.
import { DomainError, notFound } from '../domain/errors.ts';
import type { ScenarioEntry, ScenarioReport } from '../services/scenario-library.ts';
import { ProblemBox } from './components.tsx';
import { problemOf, type ConsoleCx } from './context.ts';
import type { PageResult } from './handle.tsx';

export function ScenarioList({ cx }: { cx: ConsoleCx }) {
  let scenarios: ScenarioEntry[];
  try {
    scenarios = cx.services.sim.scenarios().scenarios;
  } catch (err) {
    const detail = String((err as Error).message ?? err);
    return (
      <ProblemBox
        problem={
          err instanceof DomainError
            ? problemOf(err)
            : { code: 'scenarios-unavailable', title: 'Scenarios unavailable', detail, fields: [], reasons: [] }
        }
      />
    );
  }
  if (!scenarios.length) return <p class="muted">No scenario files in scenarios/.</p>;
  return (
    <ul class="scenarios" data-testid="scenarios">
      {scenarios.map((s) => (
        <li data-scenario={s.name}>
          <code>{s.name}</code>
          <p class="small">{s.description}</p>
          <form method="get" action="/time/scenarios/load" class="inline">
            <input type="hidden" name="sandbox" value={cx.sandbox} />
            <input type="hidden" name="scenario" value={s.name} />
            <button type="submit" data-testid={`load-${s.name}`} aria-label={`Load ${s.name}`}>
              Load
            </button>
          </form>{' '}
          <form method="post" action={cx.href('/time/scenarios')} class="inline">
            <input type="hidden" name="scenario" value={s.name} />
            <button
              type="submit"
              name="op"
              value="run"
              class="secondary"
              data-testid={`run-${s.name}`}
              aria-label={`Run ${s.name}`}
            >
              Run
            </button>
          </form>
        </li>
      ))}
    </ul>
  );
}

/** "Load scenario X into sandbox Y?": the sandbox is replaced only once the user confirms (no script needed). */
export function confirmLoad(cx: ConsoleCx): PageResult {
  const name = cx.query.get('scenario') ?? '';
  const scenario = cx.services.sim.scenarios().scenarios.find((s) => s.name === name);
  if (!scenario) throw notFound('Scenario', JSON.stringify(name.slice(0, 60)));
  const body = (
    <div>
      <h1>Load scenario {scenario.name}?</h1>
      <div class="card" data-testid="confirm-load">
        <p>
          This replaces everything in sandbox <code>{cx.sandbox}</code> (customers, invoices, payments, events and its
          request journal) with the starting state of <code>{scenario.name}</code>. It cannot be undone.
        </p>
        <p class="small muted">{scenario.description}</p>
        <form method="post" action={cx.href('/time/scenarios')} class="inline">
          <input type="hidden" name="scenario" value={scenario.name} />
          <button type="submit" name="op" value="load" data-testid="confirm-load-button">
            Load and replace {cx.sandbox}
          </button>
        </form>{' '}
        <a class="btn secondary" href={cx.href('/time')} data-testid="cancel-load">
          Cancel
        </a>
      </div>
    </div>
  );
  return { title: `Load ${scenario.name}?`, body };
}

/** The latest scenario run reports, kept so GET /time/runs/:id can show one after the POST redirects. */
export function reportShelf(size = 20) {
  const reports = new Map<number, ScenarioReport>();
  let next = 1;
  return {
    add(report: ScenarioReport): number {
      const id = next++;
      reports.set(id, report);
      for (const old of reports.keys()) if (reports.size > size) reports.delete(old);
      return id;
    },
    get: (id: number) => reports.get(id),
  };
}

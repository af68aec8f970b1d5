// A scenario run's step-by-step report.
import type { ScenarioReport } from '../services/scenario-library.ts';
import { Badge, Json } from './components.tsx';

export function ScenarioReportView({ report }: { report: ScenarioReport }) {
  return (
    <div class="card" id="report" data-testid="scenario-report">
      <h2>
        Run of <code>{report.name}</code>{' '}
        <Badge kind={report.passed ? 'ok' : 'bad'} text={report.passed ? 'passed' : 'failed'} />
      </h2>
      <p class="muted small">
        {report.file} · {Math.round(report.durationMs)} ms · replayed in a fresh in-memory simulator (this sandbox is
        untouched)
      </p>
      <table class="steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Step</th>
            <th>Result</th>
            <th class="num">ms</th>
          </tr>
        </thead>
        <tbody>
          {report.steps.map((s) => (
            <tr data-step={s.index}>
              <td data-label="#">{s.index}</td>
              <td data-label="Step">
                {s.name}
                {s.passed ? null : (
                  <details open>
                    <summary>{s.message ?? 'failed'}</summary>
                    <div class="small">expected</div>
                    <Json value={s.expected} />
                    <div class="small">actual</div>
                    <Json value={s.actual} />
                  </details>
                )}
              </td>
              <td class={s.passed ? 'pass' : 'fail'} data-label="Result">
                {s.passed ? 'pass' : 'FAIL'}
              </td>
              <td class="num" data-label="ms">
                {Math.round(s.durationMs)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

// The Coverage page's operations x statuses: every operation of the spec with each status it documents, and
// how many answers of each the requests got (collapsed by default: it is long).
import type { CoverageReport } from '../http/coverage-report.ts';

/** Every operation x documented status, answered or not (collapsed: it is long). */
export function OperationsTable({ report }: { report: CoverageReport }) {
  const { covered, total } = report.summary.operations;
  return (
    <section class="card" aria-labelledby="operations-heading">
      <h2 id="operations-heading" tabindex={-1}>
        Operations × statuses <span class="muted small">{`${covered} of ${total} answered`}</span>
      </h2>
      <details data-testid="operations">
        <summary>Show every operation and documented status with its count</summary>
        <table>
          <thead>
            <tr>
              <th>Face</th>
              <th>Operation</th>
              <th class="num">Status</th>
              <th class="num">Requests</th>
            </tr>
          </thead>
          <tbody>
            {report.operations.map((o) => (
              <tr data-operation={`${o.operationId} ${o.status}`} class={o.count ? '' : 'muted'}>
                <td data-label="Face">{o.face}</td>
                <td data-label="Operation">
                  <code>{o.operationId}</code>
                </td>
                <td class="num" data-label="Status">
                  {o.status}
                </td>
                <td class="num" data-label="Requests">
                  {o.count}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

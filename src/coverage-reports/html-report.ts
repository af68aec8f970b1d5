// The coverage report as one self-contained HTML page (no script, no external resource): a CI artefact a
// reviewer opens. The catalogue as a checklist by group, each behaviour never exercised with the bundled
// scenario that exercises it; the operations x statuses below, folded.
import type { CoverageBar, Verdict } from './coverage-bar.ts';
import type { CoverageBehaviour, CoverageReport } from './read-coverage.ts';
import { scopeOf, summaryLine } from './text-report.ts';

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const esc = (s: string | number) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin-bottom:1.5rem}th,td{text-align:left;padding:.3rem .5rem;border-bottom:1px solid #ccc;vertical-align:top}
.yes{color:#0a6b2b}.no{color:#a4161a}.required{font-weight:bold}code{font-size:.95em}
.verdict{padding:.5rem 1rem;border-left:.3rem solid}.verdict.met{border-color:#0a6b2b}.verdict.unmet{border-color:#a4161a}`;

function row(b: CoverageBehaviour, required: boolean): string {
  const status =
    b.count > 0 ? `<span class="yes">exercised x${b.count}</span>` : '<span class="no">never exercised</span>';
  const how =
    b.count > 0 && b.first
      ? `first: ${esc(b.first.method)} <code>${esc(b.first.path)}</code> &rarr; ${esc(b.first.status)} (sandbox ${esc(b.first.sandbox)})`
      : `bundled scenario <code>${esc(b.scenario)}</code> exercises it`;
  const id = `<code>${esc(b.id)}</code>${required ? ' <span class="required">(required)</span>' : ''}`;
  return `<tr><td>${id}</td><td>${esc(b.sentence)}</td><td>${status}</td><td>${how}</td></tr>`;
}

export function htmlReport(report: CoverageReport, bar: CoverageBar, verdict: Verdict): string {
  const required = new Set(bar.require);
  const groups = [...new Set(report.behaviours.map((b) => b.group))];
  const asked = bar.require.length > 0 || bar.min !== undefined;
  const verdictHtml = asked
    ? `<p class="verdict ${verdict.met ? 'met' : 'unmet'}">${verdict.met ? 'Bar met' : 'Bar not met'}: ${esc(
        [
          bar.require.length
            ? `${verdict.requiredMissing.length} of ${bar.require.length} required never exercised`
            : '',
          bar.min === undefined ? '' : `at least ${bar.min}% asked`,
        ]
          .filter(Boolean)
          .join(', '),
      )}</p>`
    : '';
  const head =
    '<tr><th scope="col">Behaviour</th><th scope="col">What happens</th><th scope="col">Status</th><th scope="col">Where</th></tr>';
  const sections = groups.map((g) => {
    const rows = report.behaviours.filter((b) => b.group === g).map((b) => row(b, required.has(b.id)));
    return `<h2>${esc(g)}</h2><table><thead>${head}</thead><tbody>${rows.join('')}</tbody></table>`;
  });
  const ops = report.operations
    .map(
      (o) =>
        `<tr><td>${esc(o.face)}</td><td><code>${esc(o.operationId)}</code></td><td>${esc(o.status)}</td><td class="${o.count ? 'yes' : 'no'}">${esc(o.count)}</td></tr>`,
    )
    .join('');
  const o = report.summary.operations;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>trax-sim behaviour coverage</title><style>${STYLE}</style></head>
<body><main><h1>Behaviour coverage</h1>
<p>Of ${esc(scopeOf(report))}: ${esc(summaryLine(report))}; ${esc(o.covered)} of ${esc(o.total)} operation x status pairs answered.</p>
${verdictHtml}${sections.join('\n')}
<details><summary>Operations x statuses</summary><table><thead><tr><th scope="col">Face</th><th scope="col">Operation</th><th scope="col">Status</th><th scope="col">Answered</th></tr></thead><tbody>${ops}</tbody></table></details>
</main></body></html>
`;
}

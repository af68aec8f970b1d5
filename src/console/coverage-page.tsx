// The Coverage page: what the requests sent to this sandbox (or to every sandbox, or to those given a tag)
// exercised of the behaviour catalogue, read through the same service and report as GET /__sim/coverage.
import type { Hono } from 'hono';
import { CATALOGUE } from '../http/coverage-catalogue.ts';
import { coverageReport, type CoverageReport } from '../http/coverage-report.ts';
import { compiledSpec } from '../http/compiled-spec.ts';
import type { CoverageScope } from '../services/coverage-service.ts';
import type { Services } from '../services/services.ts';
import type { ConsoleCx } from './context.ts';
import { Checklist, GroupLinks } from './coverage-checklist.tsx';
import { OperationsTable } from './coverage-operations.tsx';
import { page, type Log, type PageResult } from './handle.tsx';

/** `?scope=all`, `?scope=tag:T` (or `?tag=T`, as the API says it); this sandbox otherwise. */
function scopeOf(cx: ConsoleCx): CoverageScope {
  const scope = cx.query.get('scope') ?? '';
  const tag = scope.startsWith('tag:') ? scope.slice(4) : (cx.query.get('tag') ?? '');
  if (tag) return { tag };
  return scope === 'all' ? { all: true } : { sandbox: cx.sandbox };
}

/** The tags sandboxes were created with, for the scope picker (a tag lives in the coverage tally). */
async function knownTags(cx: ConsoleCx): Promise<string[]> {
  const { tallies } = await cx.services.coverageReads.tallies({ all: true });
  return [...new Set(tallies.flatMap((t) => (t.coverage?.tag ? [t.coverage.tag] : [])))].sort();
}

function ScopeForm({
  cx,
  scope,
  tags,
  onlyUncovered,
}: {
  cx: ConsoleCx;
  scope: CoverageScope;
  tags: string[];
  onlyUncovered: boolean;
}) {
  const chosen = 'tag' in scope ? `tag:${scope.tag}` : 'all' in scope ? 'all' : 'sandbox';
  return (
    <form method="get" action="/coverage" class="card" data-testid="coverage-scope">
      <input type="hidden" name="sandbox" value={cx.sandbox} />
      <label>
        Coverage of
        <select name="scope" data-testid="coverage-scope-select">
          <option value="sandbox" selected={chosen === 'sandbox'}>
            this sandbox ({cx.sandbox})
          </option>
          <option value="all" selected={chosen === 'all'}>
            all sandboxes
          </option>
          {tags.map((t) => (
            <option value={`tag:${t}`} selected={chosen === `tag:${t}`}>
              sandboxes tagged {t}
            </option>
          ))}
        </select>
      </label>
      <label>
        <input type="checkbox" name="show" value="uncovered" checked={onlyUncovered} data-testid="only-uncovered" />
        Only uncovered behaviours
      </label>
      <button type="submit" data-testid="coverage-show">
        Show
      </button>
    </form>
  );
}

function Summary({ report }: { report: CoverageReport }) {
  const { behaviours: b, operations: o } = report.summary;
  return (
    <div class="card" data-testid="coverage-summary">
      <p class="amount" data-testid="behaviours-covered">
        {`${b.covered} of ${b.total} behaviours covered (${b.percent}%)`}
      </p>
      <p data-testid="operations-answered">
        {`${o.covered} of ${o.total} operations × statuses answered (${o.percent}%)`}
      </p>
      <p class="small muted" data-testid="coverage-sandboxes">
        {report.tag ? `Sandboxes tagged ${report.tag}: ` : 'Read from '}
        {report.sandboxes.join(', ') || 'no sandbox'}. The console's own pages are not counted: only API requests are.
      </p>
    </div>
  );
}

async function coverageScreen(cx: ConsoleCx): Promise<PageResult> {
  const scope = scopeOf(cx);
  const onlyUncovered = cx.query.get('show') === 'uncovered';
  const [tallies, tags] = await Promise.all([cx.services.coverageReads.tallies(scope), knownTags(cx)]);
  const report = coverageReport(CATALOGUE, compiledSpec().index, tallies);
  // A tag typed into the URL that the picker has not listed yet still shows as chosen.
  if ('tag' in scope && !tags.includes(scope.tag)) tags.push(scope.tag);
  const body = (
    <div>
      <h1>Coverage</h1>
      <p class="muted">
        Which behaviours of the billing integration the API requests exercised, the same report as{' '}
        <code>GET /__sim/coverage</code>. Each uncovered behaviour names a bundled scenario that exercises it.
      </p>
      <ScopeForm cx={cx} scope={scope} tags={tags} onlyUncovered={onlyUncovered} />
      <Summary report={report} />
      <GroupLinks report={report} />
      <Checklist cx={cx} report={report} onlyUncovered={onlyUncovered} />
      <OperationsTable report={report} />
    </div>
  );
  return { title: 'Coverage', body };
}

export function coverageRoutes(app: Hono, services: Services, log: Log): void {
  app.get('/coverage', page(services, log, coverageScreen));
}

// Time and scenarios: the sandbox clock, scenario load (after a confirm step) and run (the report is
// served by redirect-after-post), sandboxes, events and journal.
import type { Child } from 'hono/jsx';
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { invalid, notFound } from '../domain/errors.ts';
import type { ScenarioReport } from '../services/scenario-library.ts';
import type { SandboxCreate } from '../services/sim-service.ts';
import { checkApiRequest } from '../http/request-check.ts';
import { instantText } from './components.tsx';
import type { ConsoleCx } from './context.ts';
import { action, page, type Log, type PageResult } from './handle.tsx';
import { ScenarioReportView } from './scenario-report.tsx';
import { ScenarioList, confirmLoad, reportShelf } from './scenario-pages.tsx';
import { EventsTable, JournalTable } from './timeline.tsx';

async function timeScreen(cx: ConsoleCx, report: ScenarioReport | null = null): Promise<PageResult> {
  const sandbox = cx.services.sim.getSandbox(cx.sandbox);
  const type = cx.query.get('type') ?? '';
  // The latest few by default: on a phone every event is a block of its own.
  const all = cx.services.sim.events(cx.sandbox, type ? { type } : {});
  const limit = cx.query.get('events') === 'all' ? 500 : 15;
  const events = all.slice(-limit).reverse();
  const journal = (await cx.services.sim.journal(cx.sandbox)).slice(-50).reverse();
  const post = (path: string, children: Child) => (
    <form method="post" action={cx.href(path)} class="inline">
      {children}
    </form>
  );
  const body = (
    <div>
      <h1>Time &amp; scenarios</h1>
      {report ? <ScenarioReportView report={report} /> : null}
      <div class="card">
        <h2>Sandbox clock</h2>
        <p class="amount" data-testid="sandbox-clock">
          {instantText(sandbox.now)}
        </p>
        {post(
          '/time/advance',
          <span>
            <button type="submit" name="by" value="P1D" data-testid="advance-day">
              Advance 1 day
            </button>{' '}
            <button type="submit" name="by" value="P1M" data-testid="advance-month">
              Advance 1 month
            </button>
          </span>,
        )}{' '}
        {post(
          '/time/advance',
          <span>
            <label>
              to <input type="date" name="to" value={sandbox.now.slice(0, 10)} data-testid="advance-to-date" />
            </label>
            <button type="submit" data-testid="advance-to">
              Advance to date
            </button>
          </span>,
        )}
        <p class="muted small">
          Everything due runs in time order: invoices, Auto Pay charges, past-due transitions, role-cache refresh, card
          expiry.
        </p>
      </div>
      <div class="card">
        <h2>Scenarios</h2>
        <p class="muted small">
          Load replaces this sandbox with the scenario's starting state (you confirm first); Run replays its steps in a
          fresh simulator and shows the report.
        </p>
        <ScenarioList cx={cx} />
      </div>
      <div class="card">
        <h2>
          Sandbox <code>{cx.sandbox}</code>
        </h2>
        <p class="small">
          Seeded from{' '}
          <code>{sandbox.seed.kind === 'scenario' ? `scenario ${sandbox.seed.name}` : sandbox.seed.kind}</code>.{' '}
          {post(
            '/time/reset',
            <button type="submit" class="secondary" data-testid="reset">
              Reset to its seed
            </button>,
          )}
        </p>
        {post(
          '/time/sandboxes',
          <span>
            <label>
              New sandbox <input type="text" name="name" placeholder="my-sandbox" pattern="[a-z0-9][a-z0-9_\-]{0,62}" />
            </label>
            <label>
              from{' '}
              <select name="from">
                <option value="seed:demo">demo</option>
                <option value="seed:empty">empty</option>
                <option value={`copy:${cx.sandbox}`}>copy of {cx.sandbox}</option>
              </select>
            </label>
            <button type="submit" class="secondary">
              Create
            </button>
          </span>,
        )}
      </div>
      <div class="card">
        <h2>Event timeline</h2>
        <EventsTable cx={cx} events={events} type={type} />
        {all.length > events.length ? (
          <p class="small muted">
            Latest {events.length} of {all.length} events.{' '}
            <a href={cx.href('/time', { type: type || null, events: 'all' })}>Show up to 500</a>
          </p>
        ) : null}
      </div>
      <div class="card">
        <h2>Request journal</h2>
        <JournalTable entries={journal} />
      </div>
    </div>
  );
  return { title: 'Time & scenarios', body };
}

function sandboxInput(form: Record<string, string>): SandboxCreate {
  const name = (form.name ?? '').trim();
  const [kind, value = ''] = (form.from ?? 'seed:demo').split(':');
  if (kind === 'copy') return { name, from: value };
  if (value === 'demo' || value === 'empty') return { name, seed: value };
  throw invalid('invalid-form', 'Invalid form', 'Choose what the new sandbox starts from.', [
    { path: '/from', message: 'demo, empty or a copy' },
  ]);
}

export function timeRoutes(app: Hono, services: Services, log: Log): void {
  const shelf = reportShelf();
  app.get(
    '/time',
    page(services, log, (cx) => timeScreen(cx)),
  );
  app.get('/time/scenarios/load', page(services, log, confirmLoad));
  app.get(
    '/time/runs/:runId{[0-9]+}',
    page(services, log, (cx, c) => {
      const report = shelf.get(Number(c.req.param('runId')));
      if (!report) throw notFound('Scenario run', c.req.param('runId') ?? '');
      return timeScreen(cx, report);
    }),
  );
  const back = (cx: ConsoleCx) => cx.href('/time');
  app.post(
    '/time/advance',
    action(services, log, back, async (cx, form) => {
      const input = form.by === 'P1D' || form.by === 'P1M' ? { by: form.by } : { to: form.to ?? '' };
      checkApiRequest('advanceClock', { body: input });
      const r = await cx.services.sim.advanceClock(cx.sandbox, input);
      const types = [...new Set(r.events.map((e) => e.type))].join(', ');
      return {
        to: '/time',
        flash: `Clock advanced from ${instantText(r.from)} to ${instantText(r.now)}: ${r.events.length} events${types ? ` (${types})` : ''}.`,
      };
    }),
  );
  app.post(
    '/time/reset',
    action(services, log, back, async (cx) => {
      const s = await cx.services.sim.resetSandbox(cx.sandbox);
      return { to: '/time', flash: `Sandbox "${s.name}" reset; clock at ${instantText(s.now)}.` };
    }),
  );
  app.post(
    '/time/sandboxes',
    action(services, log, back, async (cx, form) => {
      const input = sandboxInput(form);
      checkApiRequest('createSandbox', { body: input });
      const s = await cx.services.sim.createSandbox(input);
      return { to: '/time', sandbox: s.name, flash: `Sandbox "${s.name}" created.` };
    }),
  );
  app.post(
    '/time/scenarios',
    action(services, log, back, async (cx, form) => {
      const name = form.scenario ?? '';
      checkApiRequest(form.op === 'run' ? 'runScenario' : 'loadScenario', { path: { name } });
      if (form.op === 'run') {
        const id = shelf.add(await cx.services.sim.runScenario(name));
        return { to: `/time/runs/${id}#report` };
      }
      if (form.op !== 'load')
        throw invalid('invalid-form', 'Invalid form', 'Choose Load or Run.', [{ path: '/op', message: 'load or run' }]);
      const s = await cx.services.sim.loadScenario(cx.sandbox, name);
      return { to: '/time', flash: `Loaded scenario "${name}" into "${s.name}"; clock at ${instantText(s.now)}.` };
    }),
  );
}

import type { Child } from 'hono/jsx';
import type { ConsoleCx } from './context.ts';
import { ProblemBox, instantText } from './components.tsx';
import { CSS, SCRIPT } from './style.ts';

/** Where the sandbox picker goes: the same page, or the section's root for pages about one entity. */
function pickerTarget(cx: ConsoleCx): { action: string; keep: Record<string, string> } {
  const login = cx.query.get('login');
  if (cx.path.startsWith('/billing')) return { action: '/billing', keep: login ? { login } : {} };
  return { action: cx.path, keep: {} };
}

function SandboxPicker({ cx }: { cx: ConsoleCx }) {
  const names = [...cx.sandboxNames];
  if (!names.includes(cx.sandbox)) names.push(cx.sandbox);
  const { action, keep } = pickerTarget(cx);
  return (
    <form method="get" action={action} class="picker">
      <label>
        Sandbox
        <select name="sandbox" data-testid="sandbox-picker">
          {names.map((n) => (
            <option value={n} selected={n === cx.sandbox}>
              {n}
            </option>
          ))}
        </select>
      </label>
      {Object.entries(keep).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {/* An explicit button: changing the selection alone never navigates (keyboard and screen-reader users browse options). */}
      <button type="submit" class="secondary" data-testid="switch-sandbox">
        Switch
      </button>
    </form>
  );
}

function clockOf(cx: ConsoleCx): string {
  try {
    return instantText(cx.services.sim.clock(cx.sandbox).now);
  } catch {
    return 'no such sandbox';
  }
}

/** The flash and the problem a redirect left; pages with a form place them themselves (`ownNotices`). */
export function Notices({ cx, problem = true }: { cx: ConsoleCx; problem?: boolean }) {
  return (
    <div>
      {cx.flash ? (
        <div class="flash" role="status" data-testid="flash">
          {cx.flash}
        </div>
      ) : null}
      {problem && cx.problem ? <ProblemBox problem={cx.problem} /> : null}
    </div>
  );
}

export function Layout({
  cx,
  title,
  ownNotices = false,
  children,
}: {
  cx: ConsoleCx;
  title: string;
  ownNotices?: boolean;
  children?: Child;
}) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · trax-sim console`}</title>
        <style dangerouslySetInnerHTML={{ __html: CSS }} />
      </head>
      <body>
        <a class="skip" href="#main" data-testid="skip-link">
          Skip to main content
        </a>
        <header class="top">
          <a class="brand" href={cx.href('/')}>
            trax-sim console
          </a>
          <nav aria-label="Console">
            <a href={cx.href('/')}>Logins</a>
            <a href={cx.href('/dealer')}>Dealer (SecurityTrax)</a>
            <a href={cx.href('/time')}>Time &amp; scenarios</a>
            <a href={cx.href('/coverage')}>Coverage</a>
          </nav>
          <span class="spacer" />
          <span class="clock" data-testid="clock">
            Clock: {clockOf(cx)}
          </span>
          <SandboxPicker cx={cx} />
        </header>
        <main id="main" tabindex={-1}>
          {ownNotices ? null : <Notices cx={cx} />}
          {children}
        </main>
        <script dangerouslySetInnerHTML={{ __html: SCRIPT }} />
      </body>
    </html>
  );
}

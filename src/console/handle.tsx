// Page and action wrappers: every DomainError becomes a readable message (title, detail, reasons,
// field errors) in the page, never a stack trace or a blank page; POSTs redirect with a flash.
import type { Context } from 'hono';
import type { Child } from 'hono/jsx';
import type { Services } from '../services/services.ts';
import { DomainError, STATUS_BY_KIND } from '../domain/errors.ts';
import { ProblemBox } from './components.tsx';
import { consoleCx, linkTo, problemOf, problemParams, type ConsoleCx, type ProblemView } from './context.ts';
import { Layout } from './layout.tsx';

export type Log = (line: string) => void;
/** `ownNotices`: the page shows the flash and problem itself (near its form), not the layout. */
export type PageResult = { title: string; body: Child; status?: number; ownNotices?: boolean };

const UNEXPECTED: ProblemView = {
  code: 'internal-error',
  title: 'Internal error',
  detail: 'The console hit an unexpected error. It has been logged on the server.',
  fields: [],
  reasons: [],
};

async function html(
  c: Context,
  cx: ConsoleCx | null,
  title: string,
  body: Child,
  status = 200,
  ownNotices = false,
): Promise<Response> {
  const page = cx ? (
    <Layout cx={cx} title={title} ownNotices={ownNotices}>
      {body}
    </Layout>
  ) : (
    <ProblemOnly>{body}</ProblemOnly>
  );
  const text = await page;
  return c.html(`<!doctype html>${text}`, status as 200);
}

function ProblemOnly({ children }: { children?: Child }) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>trax-sim console</title>
      </head>
      <body>
        <main>
          {children}
          <p>
            <a href="/">Back to the console</a>
          </p>
        </main>
      </body>
    </html>
  );
}

async function renderError(c: Context, cx: ConsoleCx | null, err: unknown, log: Log): Promise<Response> {
  if (err instanceof DomainError) {
    const body = (
      <div>
        <h1>{err.kind === 'not_found' ? 'Not found' : err.title}</h1>
        <ProblemBox problem={problemOf(err)} />
        <p>
          <a href={cx ? cx.href('/') : '/'}>Back to the logins</a>
        </p>
      </div>
    );
    return html(c, cx, err.title, body, STATUS_BY_KIND[err.kind]);
  }
  log(
    `console error on ${c.req.method} ${c.req.path}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`,
  );
  return html(c, null, UNEXPECTED.title, <ProblemBox problem={UNEXPECTED} />, 500);
}

/** A GET page: `render` reads through the services; errors render inside the layout. */
export function page(
  services: Services,
  log: Log,
  render: (cx: ConsoleCx, c: Context) => PageResult | Promise<PageResult>,
) {
  return async (c: Context): Promise<Response> => {
    let cx: ConsoleCx | null = null;
    try {
      cx = await consoleCx(c, services);
      const out = await render(cx, c);
      return await html(c, cx, out.title, out.body, out.status, out.ownNotices);
    } catch (err) {
      try {
        return await renderError(c, cx, err, log);
      } catch (again) {
        return renderError(c, null, again, log);
      }
    }
  };
}

export type ActionResult =
  | { to: string; params?: Record<string, string | number | null | undefined>; flash?: string; sandbox?: string }
  | { render: PageResult };

/**
 * A POST action: on success redirect (303) to `to` with a flash; a DomainError redirects to `back`
 * with the problem in the query string. `{ render }` answers with a page instead (e.g. a report).
 */
export function action(
  services: Services,
  log: Log,
  back: (cx: ConsoleCx, form: Record<string, string>, err: DomainError) => string,
  run: (cx: ConsoleCx, form: Record<string, string>, c: Context) => Promise<ActionResult>,
) {
  return async (c: Context): Promise<Response> => {
    let cx: ConsoleCx | null = null;
    let form: Record<string, string> = {};
    try {
      cx = await consoleCx(c, services);
      form = await formOf(c);
      const out = await run(cx, form, c);
      if ('render' in out)
        return await html(c, cx, out.render.title, out.render.body, out.render.status, out.render.ownNotices);
      return c.redirect(linkTo(out.to, out.sandbox ?? cx.sandbox, { ...out.params, flash: out.flash }), 303);
    } catch (err) {
      if (cx && err instanceof DomainError) {
        const [path, hash] = back(cx, form, err).split('#');
        const sep = path?.includes('?') ? '&' : '?';
        return c.redirect(`${path}${sep}${problemParams(problemOf(err)).toString()}${hash ? `#${hash}` : ''}`, 303);
      }
      return renderError(c, cx, err, log);
    }
  };
}

async function formOf(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === 'string') out[k] = v;
  return out;
}

// The sandbox console: server-rendered pages over the same services as the API (hono/jsx, no build).
import type { Hono } from 'hono';
import type { Services } from '../services/services.ts';
import { billingPageRoutes } from './billing-page.tsx';
import { billsRoutes } from './bills-page.tsx';
import { coverageRoutes } from './coverage-page.tsx';
import { dealerRoutes } from './dealer-page.tsx';
import { DomainError } from '../domain/errors.ts';
import { routeNotFound } from '../http/pipeline.ts';
import { page, type Log } from './handle.tsx';
import { homeRoutes } from './home-page.tsx';
import { methodRoutes } from './method-page.tsx';
import { payRoutes } from './pay-page.tsx';
import { paymentsRoutes } from './payments-page.tsx';
import { timeRoutes } from './time-page.tsx';

export type ConsoleOptions = { log?: Log };

/** Mounts `/`, `/billing/*`, `/dealer`, `/time`, `/coverage` on the app. Pages read and write only through `services`. */
export function mountConsole(app: Hono, services: Services, options: ConsoleOptions = {}): void {
  const log = options.log ?? ((line: string) => console.error(line));
  homeRoutes(app, services, log);
  billingPageRoutes(app, services, log);
  payRoutes(app, services, log);
  methodRoutes(app, services, log);
  paymentsRoutes(app, services, log);
  billsRoutes(app, services, log);
  dealerRoutes(app, services, log);
  timeRoutes(app, services, log);
  coverageRoutes(app, services, log);
  // Any other page a browser asks for (GET, accepting HTML): a page saying so in the layout. Other
  // clients keep the API's route-not-found problem.
  const notFoundPage = page(services, log, (_cx, c) => {
    throw new DomainError(
      'not_found',
      'page-not-found',
      'Page not found',
      `There is no console page at ${c.req.path.slice(0, 200)}.`,
    );
  });
  app.get('*', (c) => ((c.req.header('accept') ?? '').includes('text/html') ? notFoundPage(c) : routeNotFound(c)));
}

// The ceiling: a bare Hono app on @hono/node-server returning a fixed JSON object.
import { serve } from '@hono/node-server';
import { Hono } from 'hono';

const port = Number(process.argv[2] ?? 4020);
const app = new Hono();
const body = { status: 'ok', version: 'bare', sandboxes: 1, uptimeMs: 0 };
app.get('/__sim/health', (c) => c.json(body));
app.all('*', (c) => c.json(body));
serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
  console.log(`bare hono listening on http://127.0.0.1:${port}`),
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => process.exit(0));

// The start-up floor: a bare node:http server answering fixed JSON, started with plain `node` like the
// compiled trax-sim (no loader, no TypeScript).
import { createServer } from 'node:http';

const body = JSON.stringify({ status: 'ok', version: 'bare', sandboxes: 1, uptimeMs: 0 });
createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(body)).listen(
  Number(process.argv[2]),
  '127.0.0.1',
);
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => process.exit(0));

// `serve --memory` with a bench fixture as its default sandbox: the in-memory store has no folder to load a
// snapshot from, so the fixture is put in place the way a scenario load does (Store.replace) before the
// first request. Usage: node --import tsx bench/memory-server.ts PORT SNAPSHOT.json
import { readFileSync } from 'node:fs';
import { startServer } from '../src/server.ts';

const [port, snapshot] = process.argv.slice(2);
const doc = JSON.parse(readFileSync(snapshot!, 'utf8'));
const server = await startServer({ port: Number(port), dataDir: null });
await server.store.replace(doc);
const stop = () => void server.close().then(() => process.exit(0));
process.once('SIGTERM', stop);
process.once('SIGINT', stop);

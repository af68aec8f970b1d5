// Memory per invoice (with its payments and events), as a server holds a sandbox: the snapshot is parsed
// the way start-up loads it, a month is advanced through the command runner, then RSS and heap are read
// after a full GC, relative to the same process before loading. The month is advanced as the server
// does it (the sim service: in chunks, each committed). Run as two processes:
//   node --import tsx bench/scale-memory.ts build N FILE         # writes the fixture's snapshot
//   node --expose-gc --import tsx bench/scale-memory.ts probe FILE  # prints one JSON line
import { readFileSync, writeFileSync } from 'node:fs';
import { buildState } from '../src/seeds/build-state.ts';
import type { Setup } from '../src/seeds/setup.ts';
import { createCoverageTally } from '../src/store/coverage.ts';
import { createJournal } from '../src/store/journal.ts';
import { createCommandRunner } from '../src/services/command-runner.ts';
import { createSimService } from '../src/services/sim-service.ts';
import { memoryPersistence } from '../src/store/persistence.ts';
import { createStore } from '../src/store/sandbox-store.ts';
import { parseSnapshot } from '../src/store/snapshot.ts';

/**
 * The population the figure before this work was measured on (bench/fixtures.ts summaryState): two
 * thirds on Auto Pay, invoice days over the month, about three months on; then one more month.
 */
export function memorySetup(customers: number): Setup {
  return {
    clock: '2019-01-01T00:00:00.000Z',
    settings: { roleCacheMinutes: 0 },
    alarmComCredentials: [{ username: 'acme-isp', password: 'isp-pass', roles: ['SecurityTrax'] }],
    isps: [{ key: 'acme', name: 'Acme', username: 'acme-isp', password: 'isp-pass', billingIntegration: true }],
    generate: {
      count: customers,
      isp: 'acme',
      autoPay: Math.round((customers * 2) / 3),
      startDates: { from: '2019-01-01', to: '2019-01-28' },
      amountCents: { min: 2999, max: 3599 },
    },
    advanceTo: '2019-03-20T00:00:00.000Z',
  };
}

async function probe(file: string): Promise<void> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error('run with node --expose-gc');
  const store = await createStore(memoryPersistence());
  const runner = createCommandRunner({ store });
  gc();
  gc();
  const m0 = process.memoryUsage();
  await store.create(parseSnapshot(readFileSync(file, 'utf8')).doc);
  const name = (await store.names())[0]!;
  if (process.env.MEM_DEBUG) {
    gc();
    gc();
    console.error('loaded', JSON.stringify(process.memoryUsage()));
  }
  await createSimService({ store, runner, journal: createJournal(), coverage: createCoverageTally() }).advanceClock(
    name,
    { by: 'P1M' },
  );
  gc();
  gc();
  if (process.env.MEM_DEBUG) console.error('before idle', JSON.stringify(process.memoryUsage()));
  // At rest, as a server is between requests: V8's memory reducer compacts and returns free pages.
  for (let i = 0; i < 10; i++) {
    await new Promise((r) => setTimeout(r, 500));
    gc();
  }
  const m1 = process.memoryUsage();
  const s = store.require(name);
  const invoices = s.invoices.length;
  if (process.env.MEM_DEBUG) console.error(JSON.stringify({ m0, m1 }));
  console.log(
    JSON.stringify({
      invoices,
      payments: s.payments.length,
      events: store.events(name).length,
      rssPerInvoice: (m1.rss - m0.rss) / invoices,
      heapPerInvoice: (m1.heapUsed - m0.heapUsed) / invoices,
    }),
  );
}

const [mode, a, b] = process.argv.slice(2);
if (mode === 'build')
  writeFileSync(b!, JSON.stringify(buildState('memory', { kind: 'empty' }, memorySetup(Number(a))).state));
else if (mode === 'probe') await probe(a!);

// One scale row alone, for tuning: summary p99 on another sandbox while the big sandbox advances P1M.
//   node --import tsx bench/scale-p99.ts [count]
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { findScenarioByName } from '../src/scenarios/catalog.ts';
import { buildState } from '../src/seeds/build-state.ts';
import { withGeneratedCount } from '../src/seeds/generate.ts';
import { basic, summaryState, writeDataDir } from './fixtures.ts';
import { openLoopP99, postJson, serve, timed } from './scale-support.ts';

const SCENARIO = 'big-dealer-month-end';
const count = Number(process.argv[2] ?? 100_000);
const dir = mkdtempSync(path.join(tmpdir(), 'trax-bench-p99-'));
try {
  writeDataDir(
    dir,
    buildState(
      'default',
      { kind: 'scenario', name: SCENARIO },
      withGeneratedCount(findScenarioByName(SCENARIO).given, count),
    ).state,
  );
  writeDataDir(dir, { ...summaryState(1_000), name: 'other' });
  const s = await serve(dir);
  try {
    const url = `${s.url}/alarm-com/api/billing/summary`;
    const headers = { authorization: basic('user500', 'pass500'), 'x-sandbox': 'other' };
    await timed(url, { headers });
    await timed(`${s.url}/__sim/clock`, { headers: { 'x-sandbox': 'default' } });
    const idle = await openLoopP99(url, headers, 10, 3_000);
    const t0 = performance.now();
    const busy = await openLoopP99(
      url,
      headers,
      10,
      postJson(`${s.url}/__sim/clock/advance`, { by: 'P1M' }, { 'x-sandbox': 'default' }),
    );
    const ms = performance.now() - t0;
    console.log(
      `idle p99 ${idle.p99.toFixed(1)} ms; during the advance (${Math.round(ms)} ms) p99 ${busy.p99.toFixed(1)} ms = ${(busy.p99 / Math.max(idle.p99, 1)).toFixed(2)}x (${busy.count} requests)`,
    );
  } finally {
    await s.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}

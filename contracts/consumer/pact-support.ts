// Shared by the consumer pact tests: where pact files go, and how they reach contracts/pacts/ safely.
//
// Pact writes (and merges into) its file after every interaction. Writing straight into the committed
// contracts/pacts/ would (a) keep interactions that were removed from the test, and (b) let the provider
// verification, which runs in parallel and reads contracts/pacts/, see a half-written file. So each run
// writes into a fresh temporary folder; when every interaction of the file has passed, the result is
// normalised (stable order, stable formatting) and moved into contracts/pacts/ with an atomic rename,
// only if it differs from what is committed. A second run leaves git clean.
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PactV4, SpecificationVersion } from '@pact-foundation/pact';
import { afterAll, beforeEach, it } from 'vitest';

/** Loopback address of the consumer mock servers; no simulator of the suite binds it. */
const MOCK_HOST = '127.0.0.2';

const PACT_DIR = fileURLToPath(new URL('../pacts/', import.meta.url));

const pactFile = (consumer: string, provider: string): string => path.join(PACT_DIR, `${consumer}-${provider}.json`);

type Interaction = { description: string; providerStates?: { name: string; params?: unknown }[] };

/** Stable order: by description, then provider states; JSON with 2-space indent and a final newline. */
function normalisePact(text: string): string {
  const pact = JSON.parse(text) as { interactions: Interaction[] } & Record<string, unknown>;
  const key = (i: Interaction) => `${i.description}\u0000${JSON.stringify(i.providerStates ?? [])}`;
  pact.interactions = [...pact.interactions].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return `${JSON.stringify(pact, null, 2)}\n`;
}

/**
 * `const { pact, interaction } = pactSuite('alarm-com-billing-screen', 'securitytrax-billing')`, then
 * `interaction('...', async () => { await pact.addInteraction()...executeTest(...) })` for each one.
 * Publishes contracts/pacts/<consumer>-<provider>.json after the last test if all of them ran and passed.
 */
export function pactSuite(consumer: string, provider: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'trax-pact-'));
  // The mock servers listen on their own loopback address: on 127.0.0.1 a busy suite once had another test's
  // simulator answer at the mock server's URL (the test passed, pact saw no request).
  const pact = new PactV4({
    consumer,
    provider,
    dir,
    host: MOCK_HOST,
    spec: SpecificationVersion.SPECIFICATION_VERSION_V4,
    logLevel: 'error',
  });
  let declared = 0;
  let passed = 0;
  let failed = false;

  beforeEach((ctx) => ctx.onTestFailed(() => void (failed = true)));

  const interaction = (name: string, fn: () => Promise<void>) => {
    declared += 1;
    it(name, async () => {
      await fn();
      passed += 1;
    });
  };

  afterAll(() => {
    try {
      const written = path.join(dir, `${consumer}-${provider}.json`);
      // A filtered or failed run must not shrink the committed contract.
      if (failed || passed !== declared || !existsSync(written)) return;
      const next = normalisePact(readFileSync(written, 'utf8'));
      const target = pactFile(consumer, provider);
      if (existsSync(target) && readFileSync(target, 'utf8') === next) return;
      const temp = `${target}.${process.pid}.tmp`;
      writeFileSync(temp, next);
      renameSync(temp, target);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  return { pact, interaction };
}

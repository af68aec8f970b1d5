// Verifies pact files against a running trax-sim (or anything that serves the same API and /__sim).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { scenarioProviderStates, type ScenarioStates } from './scenario-states.ts';

export const PACT_DIR = fileURLToPath(new URL('../pacts/', import.meta.url));

/** Every pact file in contracts/pacts/, sorted. */
export const committedPacts = (dir = PACT_DIR): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));

export const providerOf = (pactFile: string): string => (JSON.parse(readFileSync(pactFile, 'utf8')) as { provider: { name: string } }).provider.name;

export type VerifyOptions = {
  providerBaseUrl: string;
  pactFile: string;
  /** Shared between runs against the same simulator so sandbox names never collide. */
  states?: ScenarioStates;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
};

/** Resolves with the verifier's summary; rejects when any interaction fails. */
export function verifyPact({ providerBaseUrl, pactFile, states, logLevel = 'error' }: VerifyOptions): Promise<string> {
  const s = states ?? scenarioProviderStates({ simulatorUrl: providerBaseUrl });
  return new Verifier({
    provider: providerOf(pactFile),
    providerBaseUrl,
    pactUrls: [pactFile],
    stateHandlers: s.stateHandlers,
    requestFilter: s.requestFilter as unknown as VerifierOptions['requestFilter'],
    logLevel,
  }).verifyProvider();
}

// Verifies pact files against a running trax-sim (or anything that serves the same API and /__sim).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import { packageFile } from '../../src/package-files.ts';
import { scenarioProviderStates, type ScenarioStates } from './scenario-states.ts';

export const PACT_DIR = packageFile('contracts', 'pacts');

/** Every pact file in contracts/pacts/, sorted. */
export const committedPacts = (dir = PACT_DIR): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => path.join(dir, f));

export const providerOf = (pactFile: string): string =>
  (JSON.parse(readFileSync(pactFile, 'utf8')) as { provider: { name: string } }).provider.name;

export type VerifyOptions = {
  providerBaseUrl: string;
  pactFile: string;
  /** Shared between runs against the same simulator so sandbox names never collide. */
  states?: ScenarioStates;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
};

/** What the native verifier reports when verification fails (it rejects with this as JSON). */
export type VerificationReport = {
  result: boolean;
  errors: {
    interaction: string;
    mismatch: { mismatches?: { mismatch: string; path?: string; type?: string }[]; message?: string };
  }[];
  interactionResults?: { description: string; result: string }[];
  output: string[];
};

/** Verification failed: `report` has every failed interaction and its mismatches; the message lists them. */
export class PactVerificationError extends Error {
  readonly report: VerificationReport | null;
  constructor(pactFile: string, raw: string) {
    let report: VerificationReport | null = null;
    try {
      report = JSON.parse(raw) as VerificationReport;
    } catch {
      /* not the JSON report (e.g. the pact file could not be read) */
    }
    const lines = report
      ? report.errors.flatMap((e) => [
          `- ${e.interaction.replace(/^Verifying a pact between \S+ and \S+ /, '')}`,
          ...(e.mismatch.mismatches ?? []).map((m) => `    ${m.path ? `${m.path}: ` : ''}${m.mismatch}`),
          ...(e.mismatch.message ? [`    ${e.mismatch.message}`] : []),
        ])
      : [raw];
    super(
      `${path.basename(pactFile)}: ${report ? `${report.errors.length} interaction(s) failed verification` : 'verification failed'}\n${lines.join('\n')}`,
    );
    this.name = 'PactVerificationError';
    this.report = report;
  }
}

/** Resolves with the verifier's summary; rejects with a PactVerificationError when any interaction fails. */
export async function verifyPact({
  providerBaseUrl,
  pactFile,
  states,
  logLevel = 'error',
}: VerifyOptions): Promise<string> {
  const s = states ?? scenarioProviderStates({ simulatorUrl: providerBaseUrl });
  const verifier = new Verifier({
    provider: providerOf(pactFile),
    providerBaseUrl,
    pactUrls: [pactFile],
    stateHandlers: s.stateHandlers,
    requestFilter: s.requestFilter as unknown as VerifierOptions['requestFilter'],
    logLevel,
  });
  try {
    return await verifier.verifyProvider();
  } catch (err) {
    throw new PactVerificationError(pactFile, err instanceof Error ? err.message : String(err));
  }
}

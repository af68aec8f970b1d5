import { coverageLines } from './coverage-lines.ts';
import { listScenarios } from '../../src/scenarios/catalog.ts';
import { scenarioFolders } from '../../src/scenarios/scenario-folders.ts';
import { startSimulator } from '../../src/simulator.ts';
import { scenarioProviderStates, type ScenarioStates } from './scenario-states.ts';
import { verifyPact, type VerifyOptions } from './verify.ts';

export type ProviderStatesOptions = {
  /** Where the simulator's /__sim control API is (usually the provider base URL). */
  simulatorUrl: string;
  /** Your own scenario folders; the simulator at simulatorUrl must have been started with the same ones. */
  scenarios?: string[];
  /** Sandbox names are `<prefix>-<n>` (default `pact`). */
  prefix?: string;
};

/** A Pact state handler for every scenario (bundled and yours): state name = scenario name. */
export function providerStates({ simulatorUrl, scenarios, prefix }: ProviderStatesOptions): ScenarioStates {
  const names = listScenarios(scenarioFolders(scenarios)).map((s) => s.name);
  return scenarioProviderStates({ simulatorUrl, scenarios: names, prefix });
}

export type VerifyPactsOptions = {
  pactFiles: string[];
  /** Your own scenario folders: their scenarios are provider states too, and win by name. */
  scenarios?: string[];
  /** A simulator that is already running (started with the same scenario folders); default: one is started
   *  in memory on a free port and stopped afterwards. */
  providerBaseUrl?: string;
  logLevel?: VerifyOptions['logLevel'];
  /** Where the coverage of what was verified is printed, passed or not (default console.log). */
  log?: (line: string) => void;
};

/** Verifies each pact file against trax-sim; rejects with the first PactVerificationError. */
export async function verifyPacts(options: VerifyPactsOptions): Promise<string[]> {
  const sim = options.providerBaseUrl ? undefined : await startSimulator({ scenarios: options.scenarios });
  const providerBaseUrl = options.providerBaseUrl ?? sim!.url;
  const states = providerStates({ simulatorUrl: providerBaseUrl, scenarios: options.scenarios });
  try {
    const results: string[] = [];
    for (const pactFile of options.pactFiles)
      results.push(await verifyPact({ providerBaseUrl, pactFile, states, logLevel: options.logLevel }));
    return results;
  } finally {
    for (const line of coverageLines(states.coverage())) (options.log ?? console.log)(line);
    await sim?.close();
  }
}

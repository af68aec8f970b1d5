// A consumer's TypeScript, type-checked with a default-ish tsconfig (strict, moduleResolution node16 or
// bundler, no TypeScript setting for trax-sim): every entry point, with the types it exports.
import { startSimulator, VERSION, type CoverageReport, type Simulator, type SimulatorOptions } from 'trax-sim';
// The clients behind trax-sim/client are generated from the spec; this only needs the entry to resolve.
import * as clients from 'trax-sim/client';
import { createHandlers, createMockSimulator, handlers } from 'trax-sim/msw';
import { providerStates, verifyPacts, type VerifyPactsOptions } from 'trax-sim/pact';

export async function setup(): Promise<() => Promise<void>> {
  const options: SimulatorOptions = { scenario: 'three-past-due', scenarios: ['./my-scenarios'], strict: true };
  const sim: Simulator = await startSimulator(options);
  return () => sim.close();
}

export const exported: string[] = [VERSION, ...Object.keys(clients)];

export const mocks = async (): Promise<number> => [...handlers, ...createHandlers({ baseUrl: 'http://x.test' }), ...(await createMockSimulator()).handlers].length;

export const pact: VerifyPactsOptions = { pactFiles: ['pacts/web-billing.json'], scenarios: ['./my-scenarios'] };
export const states = (url: string): string[] => providerStates({ simulatorUrl: url }).names;
export const verify = (): Promise<string[]> => verifyPacts(pact);

// A CI run's coverage, typed from the spec: the behaviours its tests never exercised.
export const untested = async (sim: Simulator, tag: string): Promise<string[]> => {
  const report: CoverageReport = await sim.coverage({ tag });
  return report.behaviours.filter((b) => b.count === 0).map((b) => `${b.id}: ${b.sentence} (scenario ${b.scenario})`);
};

// `trax-sim`: start and stop the simulator from code. The other entry points: trax-sim/msw (MSW handlers),
// trax-sim/client (typed clients), trax-sim/pact (provider states and verification).
export { startSimulator, type Simulator, type SimulatorOptions } from './simulator.ts';
export {
  CoverageReadError,
  type CoverageBehaviour,
  type CoverageReport,
  type CoverageScope,
} from './coverage-reports/read-coverage.ts';
export { VERSION } from './version.ts';
export {
  RequestVerificationError,
  verifyRequests,
  type ExpectedCount,
  type RequestFilter,
  type VerifyOptions,
} from './verify-requests.ts';

// `trax-sim/pact`: verify pacts against trax-sim, every provider state a scenario (bundled or yours).
// Needs @pact-foundation/pact installed beside trax-sim.
export {
  providerStates,
  verifyPacts,
  type ProviderStatesOptions,
  type VerifyPactsOptions,
} from './verify-simulator.ts';
export {
  scenarioProviderStates,
  STATE_SETUP_PATH,
  type RequestFilter,
  type ScenarioStates,
  type ScenarioStatesOptions,
} from './scenario-states.ts';
export {
  committedPacts,
  PACT_DIR,
  PactVerificationError,
  providerOf,
  verifyPact,
  type VerificationReport,
  type VerifyOptions,
} from './verify.ts';

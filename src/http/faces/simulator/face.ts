// The simulator's control API under /__sim: plain JSON answers and problem+json errors (the pipeline's
// defaults, so no hook). Its routes, by concern: sandboxes, clock, settings, faults, timeline and fixtures
// (routes.ts), scenarios, the SecurityTrax face's keys and tokens, the spec itself.
import type { CoverageService } from '../../../services/coverage-service.ts';
import type { SimService } from '../../../services/sim-service.ts';
import { coverageRoutes } from './coverage-routes.ts';
import { eagerFace, type Face } from '../../face.ts';
import { type HealthInfo, simRoutes } from './routes.ts';
import { scenarioRoutes } from './scenario-routes.ts';
import { securityTraxAccessRoutes } from './securitytrax-access-routes.ts';
import { specRoutes } from './spec-routes.ts';

const simulatorRoutes = (sim: SimService, health: HealthInfo, coverage: CoverageService) => ({
  ...simRoutes(sim, health),
  ...coverageRoutes(coverage),
  ...scenarioRoutes(sim),
  ...securityTraxAccessRoutes(sim),
  ...specRoutes(),
});

export const simulatorFace = (sim: SimService, health: HealthInfo, coverage: CoverageService): Face =>
  eagerFace({ tag: 'Simulator' }, { handlers: simulatorRoutes(sim, health, coverage) });

/** The face's routes, as the spec's operations they answer (faces/index.ts checks every operation has one). */
export type SimulatorHandlers = ReturnType<typeof simulatorRoutes>;

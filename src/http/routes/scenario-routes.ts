import { listScenarios } from '../../scenarios/catalog.ts';
import { runScenario } from '../../scenarios/runner.ts';
import type { SimService } from '../../services/sim-service.ts';
import { sandboxView } from '../../services/views.ts';
import { items, ok, type Handlers } from '../operation.ts';

type ScenarioOps = Pick<Handlers, 'listScenarios' | 'loadScenario' | 'runScenario'>;

export function scenarioRoutes(sim: SimService): ScenarioOps {
  return {
    listScenarios: () => items(listScenarios().map(({ name, description }) => ({ name, description }))),
    loadScenario: async (i) => ok(sandboxView(await sim.loadScenario(i.sandbox, i.path.name as string))),
    // Runs in its own fresh in-memory simulator: a report never depends on the sandbox's state.
    runScenario: async (i) => ok(await runScenario(i.path.name as string)),
  };
}

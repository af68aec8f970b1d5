import { listScenarios } from '../../scenarios/catalog.ts';
import type { SimService } from '../../services/sim-service.ts';
import { sandboxView } from '../../services/views.ts';
import { items, ok, type Handlers } from '../operation.ts';

type ScenarioOps = Pick<Handlers, 'listScenarios' | 'loadScenario' | 'runScenario'>;

export function scenarioRoutes(sim: SimService, dirs?: readonly string[]): ScenarioOps {
  return {
    listScenarios: () => items(listScenarios(dirs).map(({ name, description }) => ({ name, description }))),
    loadScenario: async (i) => ok(sandboxView(await sim.loadScenario(i.sandbox, i.path.name as string))),
    // Runs in its own fresh in-memory simulator: a report never depends on the sandbox's state.
    // The runner (and its modules) is loaded on first use, not at server start-up.
    runScenario: async (i) => {
      const { runScenario } = await import('../../scenarios/runner.ts');
      return ok(await runScenario(i.path.name as string, dirs));
    },
  };
}

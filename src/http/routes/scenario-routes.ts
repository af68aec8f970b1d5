import { scanScenarios } from '../../scenarios/catalog.ts';
import type { SimService } from '../../services/sim-service.ts';
import { sandboxView } from '../../services/views.ts';
import { ok, type Handlers } from '../operation.ts';

type ScenarioOps = Pick<Handlers, 'listScenarios' | 'loadScenario' | 'runScenario'>;

export function scenarioRoutes(sim: SimService, dirs?: readonly string[]): ScenarioOps {
  return {
    // A broken file is listed under `broken` with its reasons; the good ones are still listed.
    listScenarios: () => {
      const { scenarios, broken } = scanScenarios(dirs);
      return ok({ items: scenarios.map(({ name, description }) => ({ name, description: description.trim() })), broken });
    },
    loadScenario: async (i) => ok(sandboxView(await sim.loadScenario(i.sandbox, i.path.name as string))),
    // Runs in its own fresh in-memory simulator: a report never depends on the sandbox's state.
    // The runner (and its modules) is loaded on first use, not at server start-up.
    runScenario: async (i) => {
      const { runScenario } = await import('../../scenarios/runner.ts');
      return ok(await runScenario(i.path.name as string, dirs));
    },
  };
}

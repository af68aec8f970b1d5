import type { SimService } from '../../../services/sim-service.ts';
import { ok, type Handlers } from '../../operation.ts';

type ScenarioOps = Pick<Handlers, 'listScenarios' | 'loadScenario' | 'runScenario'>;

export function scenarioRoutes(sim: SimService): ScenarioOps {
  return {
    // A broken file is listed under `broken` with its reasons; the good ones are still listed.
    listScenarios: () => {
      const { scenarios, broken } = sim.scenarios();
      return ok({
        items: scenarios.map(({ name, description }) => ({ name, description: description.trim() })),
        broken,
      });
    },
    loadScenario: async (i) => ok(await sim.loadScenario(i.sandbox, i.path.name)),
    runScenario: async (i) => ok(await sim.runScenario(i.path.name)),
  };
}

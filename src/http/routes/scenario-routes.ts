import type { SimService } from '../../services/sim-service.ts';
import { sandboxView } from '../../services/views.ts';
import { items, ok, type Handlers } from '../operation.ts';
import { DomainError } from '../../domain/errors.ts';

type ScenarioOps = Pick<Handlers, 'listScenarios' | 'loadScenario' | 'runScenario'>;

export function scenarioRoutes(sim: SimService): ScenarioOps {
  return {
    listScenarios: () => items([]),
    loadScenario: async (i) => ok(sandboxView(await sim.loadScenario(i.sandbox, i.path.name as string))),
    runScenario: (i) => {
      throw new DomainError('not_found', 'scenario-not-found', 'Scenario not found', `No scenario named "${String(i.path.name)}".`);
    },
  };
}

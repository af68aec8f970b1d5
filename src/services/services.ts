import type { ScenarioReport } from '../scenarios/scenario-types.ts';
import type { ScenarioSeeder } from '../seeds/seed-state.ts';
import type { Store } from '../store/store.ts';
import { createAlarmComWebServices, type Sleep } from './alarm-com-web-services.ts';
import { createLoginFinder } from './authenticate.ts';
import { createBillingService } from './billing-service.ts';
import { createCommandRunner, type IdSource } from './command-runner.ts';
import { createDealerService } from './dealer-service.ts';
import { createIdempotencyService } from './idempotency.ts';
import { createJournal, type Journal } from './journal.ts';
import { createSimService } from './sim-service.ts';

export type ServiceOptions = {
  store: Store;
  journal?: Journal;
  sleep?: Sleep;
  idSource?: IdSource;
  scenarios?: ScenarioSeeder;
  /** Replays a scenario of the folders in a fresh simulator (the scenario runner builds whole apps, so it is given). */
  runScenario?: (name: string) => Promise<ScenarioReport>;
};

/** Every service over one store: what the API faces and the console call. */
export function createServices(options: ServiceOptions) {
  const { store } = options;
  const journal = options.journal ?? createJournal();
  const runner = createCommandRunner({ store, idSource: options.idSource });
  const adc = createAlarmComWebServices({ runner, sleep: options.sleep });
  return {
    store,
    journal,
    runner,
    adc,
    dealer: createDealerService({ runner, adc }),
    billing: createBillingService({ runner }),
    sim: createSimService({ store, runner, journal, scenarios: options.scenarios, runScenario: options.runScenario }),
    idempotency: createIdempotencyService({ store }),
    findLogin: createLoginFinder(store),
    scenarioDirs: options.scenarios?.dirs,
  };
}

export type Services = ReturnType<typeof createServices>;

// /__sim controls for the SecurityTrax face: the integrator keys and personal access tokens of a sandbox.
import { created, items, type Handlers } from '../../operation.ts';
import type { SimService } from '../../../services/sim-service.ts';

type Ops = Pick<
  Handlers,
  'listIntegratorKeys' | 'createIntegratorKey' | 'listPersonalAccessTokens' | 'createPersonalAccessToken'
>;

export function securityTraxAccessRoutes(sim: SimService): Ops {
  return {
    listIntegratorKeys: (i) => items(sim.integratorKeys(i.sandbox)),
    createIntegratorKey: async (i) => created(await sim.createIntegratorKey(i.sandbox, i.body)),
    listPersonalAccessTokens: (i) => items(sim.personalAccessTokens(i.sandbox)),
    // The token is shown once, here; the sandbox keeps only its hash.
    createPersonalAccessToken: async (i) => created(await sim.createPersonalAccessToken(i.sandbox, i.body.name)),
  };
}

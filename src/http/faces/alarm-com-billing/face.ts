// The Alarm.com end-user Billing API face: plain JSON answers and problem+json errors (the pipeline's
// defaults, so no hook), loaded at start-up: the first requests of a consumer's tests are its.
import type { SandboxView } from '../../../domain/reader.ts';
import type { BillingService } from '../../../services/billing-service.ts';
import { eagerFace, type Face } from '../../face.ts';
import { alarmComBillingRoutes, alarmComCreated } from './routes.ts';

export const alarmComBillingFace = (billing: BillingService, stateOf: (sandbox: string) => SandboxView): Face =>
  eagerFace(
    // Owns its paths so that an unknown route under them counts as this face's route-not-found (coverage).
    { tag: 'AlarmComBilling', owns: (path) => path.startsWith('/alarm-com/api/billing/') },
    { handlers: alarmComBillingRoutes(billing, stateOf), created: alarmComCreated },
  );

/** The face's routes, as the spec's operations they answer (faces/index.ts checks every operation has one). */
export type AlarmComBillingHandlers = ReturnType<typeof alarmComBillingRoutes>;

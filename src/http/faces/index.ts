// Every face of the simulator, one folder each (its description, its routes, its wire format): the plain
// JSON faces at once, SecurityTrax and SOAP on their first request. The pipeline mounts each as a sub-app.
import type { SandboxView } from '../../domain/reader.ts';
import type { Services } from '../../services/services.ts';
import type { Face } from '../face.ts';
import type { OperationId } from '../operation.ts';
import { type AlarmComBillingHandlers, alarmComBillingFace } from './alarm-com-billing/face.ts';
import type { AlarmComSoapHandlers } from './alarm-com-soap/face.ts';
import { alarmComSoapFace } from './alarm-com-soap/index.ts';
import type { SecurityTraxHandlers } from './securitytrax/face.ts';
import { securityTraxFace } from './securitytrax/index.ts';
import type { WallClock } from './securitytrax/tokens.ts';
import type { HealthInfo } from './simulator/routes.ts';
import { type SimulatorHandlers, simulatorFace } from './simulator/face.ts';

export type FacesDeps = {
  services: Services;
  health: HealthInfo;
  wallClock?: WallClock;
  /** Signs the SecurityTrax face's temporary tokens. */
  tokenSecret: string | Buffer;
  log?: (line: string) => void;
};

export function createFaces({ services, health, wallClock, tokenSecret, log }: FacesDeps): Face[] {
  const stateOf = (sandbox: string): SandboxView => services.runner.view(sandbox);
  return [
    alarmComBillingFace(services.billing, stateOf),
    simulatorFace(services.sim, health, services.coverageReads),
    securityTraxFace({ dealer: services.dealer, stateOf, wallClock, tokenSecret, log }),
    alarmComSoapFace({ adc: services.adc, stateOf, log }),
  ];
}

type Answered = keyof (AlarmComBillingHandlers & SimulatorHandlers & SecurityTraxHandlers & AlarmComSoapHandlers);

/**
 * The spec's operations no face answers: none. An operation added to the spec without a handler in its face
 * fails to compile here, naming it (`satisfies`: nothing is cast).
 */
export const UNANSWERED = {} satisfies Record<Exclude<OperationId, Answered>, never>;

// The handlers of the SOAP face's two spec operations. The .asmx POST dispatches on the body's operation
// element through the operations table; the service decides everything (faults, credentials, the role).
import { DomainError } from '../../../domain/errors.ts';
import type { SandboxState } from '../../../domain/types.ts';
import type { AlarmComWebServices } from '../../../services/alarm-com-web-services.ts';
import type { Handlers } from '../../operation.ts';
import { clientFault } from './faults.ts';
import {
  OPERATIONS,
  failedResult,
  isSoapOperation,
  responseElement,
  resultElement,
  settingsResult,
} from './operations.ts';
import { SERVICE_PATH } from './soap-constants.ts';
import type { XmlObject } from './xml-reader.ts';

type SoapOps = Pick<Handlers, 'callCustomerManagement' | 'getCustomerManagementWsdl'>;

/** The GET's answer, rendered by the face: the WSDL or the help page, for the service at `address`. */
export class ServiceDescription {
  constructor(
    readonly kind: 'wsdl' | 'help',
    /** The URL the request came in on (origin and sandbox prefix as the client used them), without its query. */
    readonly address: string,
  ) {}
}

export function alarmComSoapRoutes(
  adc: AlarmComWebServices,
  stateOf: (sandbox: string) => Readonly<SandboxState>,
): SoapOps {
  return {
    callCustomerManagement: async (i) => {
      const { Header, Body } = i.body.Envelope;
      const [name, input] = Object.entries(Body)[0]!;
      if (!isSoapOperation(name))
        throw clientFault('unknown-operation', 'Unknown operation', `${name} is not an operation of this service.`);
      // The caller waits at most the sandbox's adcTimeoutMs (a slow service answers 504 then).
      const timeoutMs = stateOf(i.sandbox).settings.adcTimeoutMs;
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(timedOut(timeoutMs)), timeoutMs);
      let result: XmlObject;
      try {
        const call = {
          sandbox: i.sandbox,
          username: Header.Authentication.User,
          password: Header.Authentication.Password,
          signal: controller.signal,
        };
        result = settingsResult(
          await OPERATIONS[name].call(adc, call, typeof input === 'string' ? {} : (input as Record<string, string>)),
        );
      } catch (err) {
        const reason = controller.signal.aborted ? controller.signal.reason : err;
        // Alarm.com answers a missing role in the result (Success=false), wrong credentials with a fault.
        if (!(reason instanceof DomainError) || reason.code !== 'securitytrax-role-missing') throw reason;
        result = failedResult(reason.message);
      } finally {
        clearTimeout(timer);
      }
      return { status: 200, body: { [responseElement(name)]: { [resultElement(name)]: result } } };
    },
    // ?WSDL in any case (?wsdl, ?Wsdl...) is the service description; a bare GET the help page, as ASMX.
    getCustomerManagementWsdl: (i) => ({
      status: 200,
      body: new ServiceDescription(
        Object.keys(i.query).some((name) => name.toLowerCase() === 'wsdl') ? 'wsdl' : 'help',
        `${i.base.origin}${i.base.prefix}${SERVICE_PATH}`,
      ),
    }),
  };
}

const timedOut = (ms: number) =>
  new DomainError(
    'upstream_timeout',
    'alarm-com-timeout',
    'Alarm.com timed out',
    `The Alarm.com web services did not answer within ${ms} ms (simulated slow fault).`,
  );

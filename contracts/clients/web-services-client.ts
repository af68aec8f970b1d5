// Typed SOAP client for the Alarm.com web services SecurityTrax calls (GetSecurityTraxSettings,
// SetSecurityTraxSettings). Thin: envelopes are written and read by the face's own code
// (src/http/faces/alarm-com-soap), so the client cannot drift from what the simulator speaks.
import { readSoapAnswer, soapRequest, type SoapFault } from '../../src/http/faces/alarm-com-soap/client-codec.ts';
import type { SecurityTraxSettingsResult, SoapOperationName } from '../../src/http/faces/alarm-com-soap/operations.ts';
import { SERVICE_PATH, type SoapVersion } from '../../src/http/faces/alarm-com-soap/soap-constants.ts';
import type { FetchLike } from './http.ts';

export type { SecurityTraxSettingsResult, SoapFault, SoapVersion };

export type WebServicesClientOptions = {
  /** Origin of the simulator, e.g. `http://127.0.0.1:4010` (or with a `/sandboxes/<name>` prefix). */
  baseUrl: string;
  /** The full endpoint instead (a WSDL's soap:address, say); default `<baseUrl>/alarm-com/WebServices/CustomerManagement.asmx`. */
  serviceUrl?: string;
  username: string;
  password: string;
  twoFactorDeviceId?: string;
  /** Default 1.1 (text/xml + SOAPAction). */
  soapVersion?: SoapVersion;
  /** Sends `X-Sandbox: <name>` with every request (simulator only). */
  sandbox?: string;
  fetch?: FetchLike;
  headers?: Record<string, string>;
};

/** A SOAP fault (wrong credentials, a malformed request, the simulated outage), with the HTTP status. */
export class SoapFaultError extends Error {
  readonly status: number;
  readonly fault: SoapFault;
  /** The stable code (detail/FaultDetail/Code, the subcode's too), e.g. `InvalidCredentials`, `AlarmComUnavailable`. */
  readonly code: string;
  constructor(status: number, fault: SoapFault) {
    super(`${fault.faultcode}${fault.subcode ? ` ${fault.subcode}` : ''}: ${fault.reason}`);
    this.name = 'SoapFaultError';
    this.status = status;
    this.fault = fault;
    this.code = fault.code;
  }
}

export type WebServicesClient = {
  /** `Success: false` with an `ErrorMessage` when the credentials lack the SecurityTrax role. */
  getSecurityTraxSettings(): Promise<SecurityTraxSettingsResult>;
  setSecurityTraxSettings(enabled: boolean): Promise<SecurityTraxSettingsResult>;
};

export const WEB_SERVICES_PATH = SERVICE_PATH;

/** `createWebServicesClient({ baseUrl, username, password })`: results resolve, faults reject with SoapFaultError. */
export function createWebServicesClient(options: WebServicesClientOptions): WebServicesClient {
  const url = options.serviceUrl ?? `${options.baseUrl.replace(/\/+$/, '')}${SERVICE_PATH}`;
  const version = options.soapVersion ?? '1.1';
  const doFetch: FetchLike = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  const call = async (
    operation: SoapOperationName,
    input?: Record<string, string>,
  ): Promise<SecurityTraxSettingsResult> => {
    const request = soapRequest(version, operation, options, input);
    const headers: Record<string, string> = { ...options.headers, ...request.headers };
    if (options.sandbox !== undefined) headers['x-sandbox'] = options.sandbox;
    const res = await doFetch(url, { method: 'POST', headers, body: request.body });
    const answer = readSoapAnswer(operation, await res.text());
    if (answer.kind === 'result' && res.ok) return answer.result;
    if (answer.kind === 'fault') throw new SoapFaultError(res.status, answer.fault);
    throw new Error(`${operation}: HTTP ${res.status} without a SOAP answer`);
  };
  return {
    getSecurityTraxSettings: () => call('GetSecurityTraxSettings'),
    setSecurityTraxSettings: (enabled) =>
      call('SetSecurityTraxSettings', { BillingIntegrationEnabled: String(enabled) }),
  };
}

// Typed client for the Alarm.com web services SecurityTrax calls (/alarm-com/webservices).
import type { operations } from '../../src/generated/openapi.ts';
import { createSender, type ClientOptions } from './http.ts';

export type SecurityTraxSettings = operations['GetSecurityTraxSettings']['responses'][200]['content']['application/json'];

export type WebServicesClient = {
  /** POST /GetSecurityTraxSettings (403 `securitytrax-role-missing` without the SecurityTrax role). */
  getSecurityTraxSettings(): Promise<SecurityTraxSettings>;
  /** POST /SetSecurityTraxSettings `{ billingIntegrationEnabled }`. */
  setSecurityTraxSettings(enabled: boolean): Promise<SecurityTraxSettings>;
};

export const WEB_SERVICES_PATH = '/alarm-com/webservices';

/** `createWebServicesClient({ baseUrl, username, password, ... })`, signed in with an ISP's Alarm.com credentials. */
export function createWebServicesClient(options: ClientOptions): WebServicesClient {
  const send = createSender(options);
  return {
    getSecurityTraxSettings: () => send<SecurityTraxSettings>('POST', `${WEB_SERVICES_PATH}/GetSecurityTraxSettings`, { body: {} }),
    setSecurityTraxSettings: (enabled) =>
      send<SecurityTraxSettings>('POST', `${WEB_SERVICES_PATH}/SetSecurityTraxSettings`, { body: { billingIntegrationEnabled: enabled } }),
  };
}

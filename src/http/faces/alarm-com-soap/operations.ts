// The one table of this face: each SOAP operation, its input element's fields and how it calls the
// Alarm.com web services (src/services/alarm-com-web-services.ts, the one home of the rules), and the
// result element's fields with the domain field each one carries. The WSDL, the envelope reader, the
// answer and the typed client are all derived from it.
import type { components } from '../../../generated/openapi.ts';
import type { AlarmComWebServices, SecurityTraxSettings } from '../../../services/alarm-com-web-services.ts';
import type { XmlObject, XmlValue } from './xml-reader.ts';

type XsdType = 'boolean' | 'string' | 'dateTime';
export type Field = { element: string; type: XsdType; required: boolean };

type SoapCall = { sandbox: string; username: string; password: string; signal: AbortSignal };

export type SoapOperation = {
  input: Field[];
  call: (adc: AlarmComWebServices, call: SoapCall, input: Record<string, string>) => Promise<SecurityTraxSettings>;
};

/** Both operations answer the settings: element <- domain field. */
const SETTINGS_FIELDS: (Field & { field: keyof SecurityTraxSettings })[] = [
  { element: 'BillingIntegrationEnabled', field: 'billingIntegrationEnabled', type: 'boolean', required: false },
  { element: 'UpdatedAt', field: 'updatedAt', type: 'dateTime', required: false },
];

/** Every result: Success and ErrorMessage, then the setting (absent when Success is false). */
export const RESULT_FIELDS: Field[] = [
  { element: 'Success', type: 'boolean', required: true },
  { element: 'ErrorMessage', type: 'string', required: false },
  ...SETTINGS_FIELDS,
];
export const RESULT_TYPE = 'SecurityTraxSettingsResult';

export const OPERATIONS = {
  GetSecurityTraxSettings: {
    input: [],
    call: (adc, c) => adc.getSettings(c.sandbox, c.username, c.password, c.signal),
  },
  SetSecurityTraxSettings: {
    input: [{ element: 'BillingIntegrationEnabled', type: 'boolean', required: true }],
    call: (adc, c, input) =>
      adc.setSettings(c.sandbox, c.username, c.password, xsdBoolean(input.BillingIntegrationEnabled!), c.signal),
  },
} satisfies Record<string, SoapOperation>;

export type SoapOperationName = keyof typeof OPERATIONS;
export const isSoapOperation = (name: string): name is SoapOperationName => Object.hasOwn(OPERATIONS, name);
export const responseElement = (name: SoapOperationName) => `${name}Response`;
export const resultElement = (name: SoapOperationName) => `${name}Result`;

const xsdBoolean = (value: string): boolean => value === 'true' || value === '1';

/** The result element of a successful call. */
export function settingsResult(settings: SecurityTraxSettings): XmlObject {
  const out: XmlObject = { Success: 'true', ErrorMessage: '' };
  for (const f of SETTINGS_FIELDS) {
    const value = settings[f.field];
    if (value !== null) out[f.element] = String(value);
  }
  return out;
}

/** The result element of a call the service refused without a fault (the SecurityTrax role is missing). */
export const failedResult = (message: string): XmlObject => ({ Success: 'false', ErrorMessage: message });

/** The result as the spec describes it on the wire (strings) and as clients use it (booleans). */
type WireResult = components['schemas']['SecurityTraxSettingsResult'];
export type SecurityTraxSettingsResult = {
  [K in keyof WireResult]: K extends 'Success' | 'BillingIntegrationEnabled' ? boolean : WireResult[K];
};

/** Wire strings -> typed values, by the table's types. */
export function decodeResult(value: XmlValue): SecurityTraxSettingsResult {
  const element = typeof value === 'object' && !Array.isArray(value) ? value : {};
  const out: Record<string, unknown> = {};
  for (const f of RESULT_FIELDS) {
    const v = element[f.element];
    if (typeof v !== 'string') continue;
    out[f.element] = f.type === 'boolean' ? xsdBoolean(v) : v;
  }
  return out as SecurityTraxSettingsResult;
}

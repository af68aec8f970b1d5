// The fixed names of the Alarm.com SOAP face: namespaces, the service and its path, media types.

export const ADC_NS = 'http://www.alarm.com/WebServices';
export const SOAP11_NS = 'http://schemas.xmlsoap.org/soap/envelope/';
export const SOAP12_NS = 'http://www.w3.org/2003/05/soap-envelope';

export type SoapVersion = '1.1' | '1.2';

export const ENVELOPE_NS: Record<SoapVersion, string> = { '1.1': SOAP11_NS, '1.2': SOAP12_NS };
export const MEDIA_TYPE: Record<SoapVersion, string> = { '1.1': 'text/xml', '1.2': 'application/soap+xml' };

/** Which Alarm.com service hosts Get/SetSecurityTraxSettings is not public: this name is a guess. */
export const SERVICE_NAME = 'CustomerManagement';
/** Under the simulator's Alarm.com prefix: https://alarmadmin.alarm.com/WebServices/... -> /alarm-com/WebServices/... */
export const WEB_SERVICES_PREFIX = '/alarm-com/WebServices/';
export const SERVICE_PATH = `${WEB_SERVICES_PREFIX}${SERVICE_NAME}.asmx`;

/** The SOAPAction of an operation: "http://www.alarm.com/WebServices/<Operation>". */
export const soapActionOf = (operation: string): string => `${ADC_NS}/${operation}`;

/** The SOAP version a request's media type announces: application/soap+xml is 1.2, anything else 1.1. */
export function soapVersionOf(contentType: string | null | undefined): SoapVersion {
  return mediaTypeOf(contentType) === MEDIA_TYPE['1.2'] ? '1.2' : '1.1';
}

export const mediaTypeOf = (contentType: string | null | undefined): string =>
  (contentType ?? '').split(';')[0]!.trim().toLowerCase();

/** The `action` parameter of a SOAP 1.2 media type, unquoted; undefined when absent. */
export function actionParameterOf(contentType: string | null | undefined): string | undefined {
  const match = /;\s*action\s*=\s*("([^"]*)"|[^;\s]+)/i.exec(contentType ?? '');
  return match ? (match[2] ?? match[1]) : undefined;
}

/** The header block this service understands: Authentication, in the Alarm.com namespace. */
export const KNOWN_HEADER_BLOCKS: readonly { local: string; namespace: string }[] = [
  { local: 'Authentication', namespace: ADC_NS },
];

/** Header blocks addressed to this service: no actor/role, or the "next" / "ultimate receiver" one. */
export const OUR_ROLES: Record<SoapVersion, ReadonlySet<string>> = {
  '1.1': new Set(['http://schemas.xmlsoap.org/soap/actor/next']),
  '1.2': new Set([`${SOAP12_NS}/role/next`, `${SOAP12_NS}/role/ultimateReceiver`]),
};

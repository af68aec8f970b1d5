// The client side of the face, for the typed client (contracts/clients) and the scenario runner: a
// request envelope from credentials and input, and an answer's text back to a typed result or fault.
import {
  decodeResult,
  OPERATIONS,
  resultElement,
  responseElement,
  type SecurityTraxSettingsResult,
  type SoapOperationName,
} from './operations.ts';
import { MEDIA_TYPE, soapActionOf, type SoapVersion } from './soap-constants.ts';
import { readXml, type XmlObject } from './xml-reader.ts';
import { envelopeXml } from './xml-writer.ts';

export type SoapCredentials = { username: string; password: string; twoFactorDeviceId?: string };

/** Body and headers of a SOAP request (1.1: text/xml + SOAPAction; 1.2: application/soap+xml; action=...). */
export function soapRequest(
  version: SoapVersion,
  operation: SoapOperationName,
  credentials: SoapCredentials,
  input: Record<string, string> = {},
) {
  const fields = OPERATIONS[operation].input.filter((f) => input[f.element] !== undefined);
  const element: XmlObject | string = fields.length
    ? Object.fromEntries(fields.map((f) => [f.element, input[f.element]!]))
    : '';
  const authentication = {
    User: credentials.username,
    Password: credentials.password,
    TwoFactorDeviceId: credentials.twoFactorDeviceId ?? '',
  };
  const body = envelopeXml(version, { [operation]: element }, { Authentication: authentication });
  const action = soapActionOf(operation);
  const headers: Record<string, string> =
    version === '1.1'
      ? { 'content-type': `${MEDIA_TYPE['1.1']}; charset=utf-8`, soapaction: `"${action}"` }
      : { 'content-type': `${MEDIA_TYPE['1.2']}; charset=utf-8; action="${action}"` };
  return { body, headers };
}

/** A fault as a client sees it: the stable code (detail/FaultDetail/Code), SOAP code and subcode, reason. */
export type SoapFault = { code: string; faultcode: string; subcode: string | null; reason: string };

export type SoapAnswer =
  | { kind: 'result'; result: SecurityTraxSettingsResult }
  | { kind: 'fault'; fault: SoapFault }
  | { kind: 'not-soap'; text: string };

/**
 * Reads an answer's text: the operation's result, a fault (1.1 or 1.2), or something that is not SOAP.
 * Without `operation`, the result of whichever operation the response element names.
 */
export function readSoapAnswer(operation: SoapOperationName | undefined, text: string): SoapAnswer {
  let envelope: XmlObject;
  try {
    const doc = readXml(text);
    if (doc.root !== 'Envelope') return { kind: 'not-soap', text };
    envelope = doc.value;
  } catch {
    return { kind: 'not-soap', text };
  }
  const body = (envelope.Body ?? {}) as XmlObject;
  const fault = body.Fault as XmlObject | undefined;
  if (fault) return { kind: 'fault', fault: faultOfElement(fault) };
  const name = operation ?? (Object.keys(OPERATIONS) as SoapOperationName[]).find((op) => responseElement(op) in body);
  const response = name && (body[responseElement(name)] as XmlObject | undefined);
  if (!name || !response) return { kind: 'not-soap', text };
  return { kind: 'result', result: decodeResult(response[resultElement(name)] ?? {}) };
}

const str = (v: unknown): string => (typeof v === 'string' ? v : '');

function faultOfElement(fault: XmlObject): SoapFault {
  const detail = (fault.detail ?? fault.Detail) as XmlObject | undefined;
  const code = str((detail?.FaultDetail as XmlObject | undefined)?.Code);
  if (fault.faultcode !== undefined) {
    // SOAP 1.1: soap:Client.InvalidCredentials
    const [faultcode, subcode] = str(fault.faultcode).split(/\.(.*)/);
    return { code, faultcode: faultcode!, subcode: subcode || null, reason: str(fault.faultstring) };
  }
  const codeElement = (fault.Code ?? {}) as XmlObject;
  const subcode = str((codeElement.Subcode as XmlObject | undefined)?.Value);
  return {
    code,
    faultcode: str(codeElement.Value),
    subcode: subcode ? subcode.replace(/^[^:]*:/, '') : null,
    reason: str((fault.Reason as XmlObject | undefined)?.Text),
  };
}

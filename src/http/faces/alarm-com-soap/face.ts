// The Alarm.com web services face: SOAP 1.1/1.2 envelopes in, envelopes and faults out, on the shared
// pipeline (sandbox, validation against the spec, journal). Wiring only; each concern has its own file.
import type { Context } from 'hono';
import type { Face } from '../../face.ts';
import { faultOf } from './faults.ts';
import { readEnvelope } from './envelope-reader.ts';
import { WSDL_ANSWER } from './routes.ts';
import { MEDIA_TYPE, WEB_SERVICES_PREFIX, soapVersionOf, type SoapVersion } from './soap-constants.ts';
import { wsdlXml } from './wsdl.ts';
import { readXml, type XmlObject } from './xml-reader.ts';
import { envelopeXml, faultXml } from './xml-writer.ts';

export const ALARM_COM_SOAP_TAG = 'AlarmComWebServices';

const xmlResponse = (status: number, version: SoapVersion, xml: string) =>
  new Response(xml, { status, headers: { 'content-type': `${MEDIA_TYPE[version]}; charset=utf-8` } });

/** Answers in the SOAP version of the request (its media type); GETs and everything else in 1.1. */
const versionOf = (c: Context): SoapVersion =>
  soapVersionOf(c.req.method === 'POST' ? c.req.header('content-type') : undefined);

/** The URL the request came in on (sandbox prefix included), without its query: the WSDL's soap:address. */
const addressOf = (c: Context): string => c.req.url.split('?')[0]!;

export function alarmComSoapFace({ log }: { log?: (line: string) => void } = {}): Face {
  const onUnexpected = (err: unknown) =>
    log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return {
    tag: ALARM_COM_SOAP_TAG,
    owns: (path) => path.startsWith(WEB_SERVICES_PREFIX),
    readBody: (c) => readEnvelope(c),
    respond: (out, _op, c) => {
      if (out.body === WSDL_ANSWER) return xmlResponse(out.status, '1.1', wsdlXml(addressOf(c)));
      return xmlResponse(out.status, versionOf(c), envelopeXml(versionOf(c), out.body as XmlObject));
    },
    onError: (err, c) => {
      const { status, parts } = faultOf(err, onUnexpected);
      return xmlResponse(status, versionOf(c), faultXml(versionOf(c), parts));
    },
    parseResponse: parseSoapText,
  };
}

/** An envelope's wire text -> the plain object the spec describes; anything else (the WSDL) stays text. */
export function parseSoapText(text: string): unknown {
  try {
    const doc = readXml(text);
    return doc.root === 'Envelope' ? { Envelope: doc.value } : text;
  } catch {
    return text;
  }
}

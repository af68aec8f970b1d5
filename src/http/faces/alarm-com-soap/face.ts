// The Alarm.com web services face, loaded: SOAP 1.1/1.2 envelopes in, envelopes and faults out, on the shared
// stages (sandbox, validation against the spec, journal). Wiring only; each concern has its own file. Its
// description is description.ts.
import type { Context } from 'hono';
import type { SandboxState } from '../../../domain/types.ts';
import type { AlarmComWebServices } from '../../../services/alarm-com-web-services.ts';
import { textResponse } from '../../answer-text.ts';
import type { LoadedFace } from '../../face.ts';
import type { Operation } from '../../openapi-index.ts';
import type { OpOutput } from '../../operation.ts';
import { FAULT_CODES, faultOf, httpStatusOf } from './faults.ts';
import { readEnvelope } from './envelope-reader.ts';
import { helpPageHtml } from './help-page.ts';
import { alarmComSoapRoutes, ServiceDescription } from './routes.ts';
import { MEDIA_TYPE, soapVersionOf, type SoapVersion } from './soap-constants.ts';
import { wsdlXml } from './wsdl.ts';
import { readXml, type XmlObject } from './xml-reader.ts';
import { envelopeXml, faultXml } from './xml-writer.ts';
import { retryAfterOf } from '../../problem.ts';

const xmlResponse = (status: number, version: SoapVersion, xml: string, extra?: Record<string, string>) =>
  textResponse(xml, status, `${MEDIA_TYPE[version]}; charset=utf-8`, extra);
const htmlResponse = (html: string) => textResponse(html, 200, 'text/html; charset=utf-8');

/** Answers in the SOAP version of the request (its media type); GETs and everything else in 1.1. */
const versionOf = (c: Context): SoapVersion =>
  soapVersionOf(c.req.method === 'POST' ? c.req.header('content-type') : undefined);

export type AlarmComSoapDeps = {
  adc: AlarmComWebServices;
  stateOf: (sandbox: string) => Readonly<SandboxState>;
  log?: (line: string) => void;
};

export function createAlarmComSoapFace({ adc, stateOf, log }: AlarmComSoapDeps) {
  const onUnexpected = (err: unknown) =>
    log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  return {
    handlers: alarmComSoapRoutes(adc, stateOf),
    readBody: (c: Context) => readEnvelope(c),
    respond: (out: OpOutput, _op: Operation, c: Context) => {
      if (out.body instanceof ServiceDescription)
        return out.body.kind === 'wsdl'
          ? xmlResponse(out.status, '1.1', wsdlXml(out.body.address))
          : htmlResponse(helpPageHtml(out.body.address));
      return xmlResponse(out.status, versionOf(c), envelopeXml(versionOf(c), out.body as XmlObject));
    },
    onError: (err: unknown, c: Context) => {
      const version = versionOf(c);
      const parts = faultOf(err, onUnexpected);
      return xmlResponse(httpStatusOf(version, parts.side), version, faultXml(version, parts), retryAfterOf(err));
    },
    parseResponse: parseSoapText,
    // Every SOAP 1.1 fault is an HTTP 500: only the InternalError fault is a bug.
    expectedServerError: (body: unknown) => {
      const code = faultCodeInBody(body);
      return code !== undefined && code !== FAULT_CODES['internal-error'];
    },
  } satisfies LoadedFace;
}

/** The face's routes, as the spec's operations they answer (create-app.ts checks every operation has one). */
export type AlarmComSoapHandlers = ReturnType<typeof alarmComSoapRoutes>;

/** An envelope's wire text -> the plain object the spec describes; anything else (the WSDL) stays text. */
function parseSoapText(text: string): unknown {
  try {
    const doc = readXml(text);
    return doc.root === 'Envelope' ? { Envelope: doc.value } : text;
  } catch {
    return text;
  }
}

/** detail/FaultDetail/Code of a parsed fault envelope (1.1 `detail`, 1.2 `Detail`); undefined for other answers. */
function faultCodeInBody(body: unknown): string | undefined {
  const fault = (body as { Envelope?: { Body?: { Fault?: Record<string, unknown> } } } | undefined)?.Envelope?.Body
    ?.Fault;
  const detail = (fault?.detail ?? fault?.Detail) as { FaultDetail?: { Code?: unknown } } | undefined;
  return typeof detail?.FaultDetail?.Code === 'string' ? detail.FaultDetail.Code : undefined;
}

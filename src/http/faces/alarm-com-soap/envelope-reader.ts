// Reads a request into the parsed envelope the spec describes (SoapRequestEnvelope), refusing what is not
// a SOAP envelope for this service with a precise client fault. The schema checks the rest.
import type { Context } from 'hono';
import { MAX_BODY_BYTES, REQUEST_TEXT, bodyBytes, headerOf, tooLarge } from '../../read-request.ts';
import { decodeXmlBody } from './charset.ts';
import { OPERATION_NAME } from '../../stages/journal.ts';
import { clientFault } from './faults.ts';
import { assertHeadersUnderstood } from './must-understand.ts';
import { isSoapOperation } from './operations.ts';
import {
  ADC_NS,
  ENVELOPE_NS,
  MEDIA_TYPE,
  actionParameterOf,
  mediaTypeOf,
  soapActionOf,
  soapVersionOf,
} from './soap-constants.ts';
import { readXml } from './xml-reader.ts';

const MEDIA_TYPES = new Set(Object.values(MEDIA_TYPE));

export async function readEnvelope(c: Context): Promise<{ hasBody: boolean; body: unknown }> {
  if (Number(headerOf(c, 'content-length') ?? NaN) > MAX_BODY_BYTES) throw tooLarge();
  const bytes = await bodyBytes(c);
  if (bytes.length === 0) return { hasBody: false, body: undefined };
  const contentType = headerOf(c, 'content-type');
  const type = mediaTypeOf(contentType);
  if (!MEDIA_TYPES.has(type)) {
    throw clientFault(
      'unsupported-media-type',
      'Unsupported media type',
      `Send SOAP 1.1 as text/xml or SOAP 1.2 as application/soap+xml; got ${type || 'no Content-Type'}.`,
    );
  }
  const text = decodeXmlBody(bytes, contentType);
  c.set(REQUEST_TEXT, text);
  const doc = readXml(text);
  const version = soapVersionOf(contentType);
  if (doc.root !== 'Envelope' && !doc.root.endsWith('}Envelope'))
    throw clientFault(
      'not-an-envelope',
      'Not a SOAP envelope',
      `The root element is ${doc.root}, not a SOAP Envelope.`,
    );
  if (doc.rootNamespace !== ENVELOPE_NS[version]) {
    throw clientFault(
      'version-mismatch',
      'SOAP version mismatch',
      `A ${type} request carries a SOAP ${version} envelope (namespace ${ENVELOPE_NS[version]}); this Envelope is in ${doc.rootNamespace ?? 'no namespace'}.`,
    );
  }
  assertHeadersUnderstood(doc.headerBlocks, version);
  const body = doc.value.Body;
  if (body === undefined || typeof body !== 'object' || Array.isArray(body))
    throw clientFault(
      'not-an-envelope',
      'Not a SOAP envelope',
      'The Envelope has no Body element holding the operation.',
    );
  const names = Object.keys(body);
  for (const name of names) {
    if (!isSoapOperation(name)) {
      const hint = name.startsWith('{') ? ` Operation elements must be in the namespace ${ADC_NS}.` : '';
      throw clientFault(
        'unknown-operation',
        'Unknown operation',
        `${name} is not an operation of this service.${hint}`,
      );
    }
  }
  const operation = names[0];
  if (operation) {
    const action = version === '1.1' ? headerOf(c, 'soapaction') : actionParameterOf(contentType);
    const unquoted = action?.trim().replace(/^"(.*)"$/, '$1');
    // As ASMX: SOAP 1.1 routes by the SOAPAction header, so a missing or empty one is refused.
    if (version === '1.1' && !unquoted) {
      throw clientFault(
        'soap-action-missing',
        'SOAPAction missing',
        `The SOAPAction HTTP header is ${action === undefined ? 'missing' : 'empty'}; a SOAP 1.1 request names its operation there: SOAPAction: "${soapActionOf(operation)}".`,
      );
    }
    if (unquoted && unquoted !== soapActionOf(operation)) {
      throw clientFault(
        'soap-action-mismatch',
        'SOAPAction mismatch',
        `The SOAP action "${unquoted}" does not name the body's operation ${operation} (${soapActionOf(operation)}).`,
      );
    }
    c.set(OPERATION_NAME, operation);
  }
  return { hasBody: true, body: { Envelope: doc.value } };
}

// The one envelope builder of the face: answers and faults, in SOAP 1.1 or 1.2, from the same plain
// objects the reader produces (element local names -> text or child objects). fast-xml-parser's
// XMLBuilder writes and escapes the XML.
import type { XMLBuilder } from 'fast-xml-parser';
import { xmlLibrary } from './xml-library.ts';
import { ADC_NS, ENVELOPE_NS, type SoapVersion } from './soap-constants.ts';
import type { XmlObject, XmlValue } from './xml-reader.ts';

// Text is escaped here, not by the builder: only &, < and > need it in element text, and some XML readers
// (pact's, for one) drop the spaces around an entity such as &quot;.
let made: XMLBuilder | undefined;
const builder = (): XMLBuilder =>
  (made ??= new (xmlLibrary().XMLBuilder)({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    suppressEmptyNode: true,
    processEntities: false,
  }));
const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const DECLARATION = '<?xml version="1.0" encoding="utf-8"?>';

type BuilderNode = { [name: string]: BuilderNode | string | BuilderNode[] };

/**
 * `<soap:Envelope><soap:Body><X xmlns="http://www.alarm.com/WebServices">...</X></soap:Body></soap:Envelope>`;
 * header blocks (a request's Authentication) are in the same namespace.
 */
export function envelopeXml(version: SoapVersion, body: XmlObject, header?: XmlObject): string {
  return wrap(version, inAdcNamespace(body), header && inAdcNamespace(header));
}

export type FaultParts = {
  /** Client/Sender (the request), Server/Receiver (the simulated service), or a fault of its own SOAP code. */
  side: 'client' | 'server' | 'version-mismatch' | 'must-understand';
  /** The stable code (PascalCase, e.g. InvalidCredentials): the subcode and detail/FaultDetail/Code. */
  code: string;
  reason: string;
  /** The mandatory header blocks the service does not know (a MustUnderstand fault). */
  notUnderstood?: { local: string; namespace: string | null }[];
};

const CODE_11 = {
  client: 'soap:Client',
  server: 'soap:Server',
  'version-mismatch': 'soap:VersionMismatch',
  'must-understand': 'soap:MustUnderstand',
} as const;
const CODE_12 = {
  client: 'soap:Sender',
  server: 'soap:Receiver',
  'version-mismatch': 'soap:VersionMismatch',
  'must-understand': 'soap:MustUnderstand',
} as const;
const HAS_SUBCODE = (side: FaultParts['side']) => side === 'client' || side === 'server';

/**
 * A fault in the given SOAP version; 1.1 names the subcode with the dot notation (soap:Client.InvalidCredentials).
 * A SOAP 1.2 MustUnderstand fault names each header block it did not understand in a NotUnderstood header block.
 */
export function faultXml(version: SoapVersion, fault: FaultParts): string {
  const detail: BuilderNode = { FaultDetail: { '@xmlns': ADC_NS, Code: fault.code } };
  if (version === '1.1') {
    const faultcode = HAS_SUBCODE(fault.side) ? `${CODE_11[fault.side]}.${fault.code}` : CODE_11[fault.side];
    return wrap(version, { 'soap:Fault': { faultcode, faultstring: escapeText(fault.reason), detail } });
  }
  const code: BuilderNode = { 'soap:Value': CODE_12[fault.side] };
  if (HAS_SUBCODE(fault.side)) code['soap:Subcode'] = { 'soap:Value': `adc:${fault.code}` };
  const header = fault.notUnderstood?.length
    ? {
        // An unqualified block has no prefix to name it by (a prefix cannot be bound to no namespace).
        'soap:NotUnderstood': fault.notUnderstood.map(
          ({ local, namespace }, i): BuilderNode =>
            namespace === null ? { '@qname': local } : { '@qname': `nu${i}:${local}`, [`@xmlns:nu${i}`]: namespace },
        ),
      }
    : undefined;
  return wrap(
    version,
    {
      'soap:Fault': {
        'soap:Code': code,
        'soap:Reason': { 'soap:Text': { '@xml:lang': 'en', '#text': escapeText(fault.reason) } },
        'soap:Detail': detail,
      },
    },
    header,
  );
}

function wrap(version: SoapVersion, body: BuilderNode, header?: BuilderNode): string {
  const parts: BuilderNode = { '@xmlns:soap': ENVELOPE_NS[version], '@xmlns:adc': ADC_NS };
  if (header) parts['soap:Header'] = header;
  parts['soap:Body'] = body;
  return `${DECLARATION}${builder().build({ 'soap:Envelope': parts }) as string}`;
}

/** Each child element declares the default namespace; its descendants inherit it. */
function inAdcNamespace(elements: XmlObject): BuilderNode {
  const out: BuilderNode = {};
  for (const [name, value] of Object.entries(elements)) {
    const node = toBuilder(value);
    out[name] =
      typeof node === 'string' ? { '@xmlns': ADC_NS, '#text': node } : { '@xmlns': ADC_NS, ...(node as BuilderNode) };
  }
  return out;
}

function toBuilder(value: XmlValue): BuilderNode | string | BuilderNode[] {
  if (typeof value === 'string') return escapeText(value);
  if (Array.isArray(value)) return value.map((v) => toBuilder(v) as BuilderNode);
  const out: BuilderNode = {};
  for (const [name, child] of Object.entries(value)) out[name] = toBuilder(child);
  return out;
}

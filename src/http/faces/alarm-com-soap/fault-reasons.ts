// Fault reasons in words a person reads: the spec's validation speaks of paths into the parsed request
// (`/body/Envelope/Header is required`); a SOAP client's user should read about elements and headers.
import type { FieldError } from '../../../domain/errors.ts';
import { ADC_NS } from './soap-constants.ts';

const AUTHENTICATION = `the Authentication header block (namespace ${ADC_NS})`;

/** ajv's phrasing of a few checks, in terms of XML. */
function wording(message: string): string {
  if (message === 'must be string') return 'must hold text, not child elements';
  if (message === 'must be object') return 'must hold child elements, not text';
  if (message === 'must NOT have more than 0 characters') return 'must be empty';
  if (message === 'must NOT have fewer than 1 characters') return 'must not be empty';
  if (/^must NOT have (fewer|more) than 1 properties$/.test(message)) return 'must hold exactly one operation element';
  return message;
}

/** The subject of a sentence about one element of the envelope (`Envelope/...` segments after the Envelope). */
function elementSentence(segments: string[], message: string): string {
  const [part, first, second] = segments;
  if (part === undefined) return `The SOAP Envelope ${wording(message)}.`;
  if (part === 'Header') {
    if (first === undefined) {
      const credentials = `the credentials travel in ${AUTHENTICATION}, with User and Password.`;
      if (message === 'is required') return `The envelope has no SOAP Header: ${credentials}`;
      if (message === 'must be object') return `The SOAP Header is empty: ${credentials}`;
      return `The SOAP Header ${wording(message)}.`;
    }
    if (first === 'Authentication') {
      if (second === undefined)
        return message === 'is required'
          ? `The SOAP Header has no Authentication block: send ${AUTHENTICATION} with User and Password.`
          : `The Authentication header block ${wording(message)}.`;
      if (message === 'is required') return `The Authentication header block has no ${second} element.`;
      if (message === 'is not allowed')
        return `The Authentication header block takes User, Password and TwoFactorDeviceId, not ${second}.`;
      return `${second} in the Authentication header block ${wording(message)}.`;
    }
    return `The header block ${first} ${wording(message)}.`;
  }
  if (first === undefined) return `The SOAP Body ${wording(message)}.`;
  if (second === undefined)
    return message === 'is not allowed'
      ? `${first} is not an operation of this service.`
      : `The ${first} element ${wording(message)}.`;
  if (message === 'is required') return `The ${first} element has no ${second} element.`;
  if (message === 'is not allowed') return `The ${first} element does not take a ${second} element.`;
  return `${second} in ${first} ${wording(message)}.`;
}

/** One readable sentence per refusal of the parsed request (body, SOAPAction header, query). */
export function describeEnvelopeErrors(errors: readonly FieldError[]): string {
  const sentences = errors.map(({ path, message }) => {
    if (path === '/body') return 'The request has no SOAP envelope: POST one as the body.';
    const envelope = /^\/body\/Envelope(?:\/(.*))?$/.exec(path);
    if (envelope) return elementSentence(envelope[1] ? envelope[1].split('/') : [], message);
    const header = /^\/header\/(.+)$/.exec(path);
    if (header) return `The HTTP header ${header[1]} ${wording(message)}.`;
    const query = /^\/query\/(.+)$/.exec(path);
    if (query) return `The query parameter ${query[1]} ${wording(message)}.`;
    return `The request ${wording(message)}.`;
  });
  return sentences.length ? sentences.join(' ') : 'The request does not match the service description (WSDL).';
}

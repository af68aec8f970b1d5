// Reads untrusted XML into a plain object, safely: no DTD at all (so no external entities and no entity
// expansion bombs), only the five predefined entities and character references, a nesting limit, and
// names resolved against their namespaces. fast-xml-parser does the parsing; this file sets it up.
// Namespace scopes are chained to their parent's (never copied per element) and declarations are capped, so
// reading costs time linear in the text.
import type { XMLParser } from 'fast-xml-parser';
import { xmlLibrary } from './xml-library.ts';
import { DomainError } from '../../../domain/errors.ts';
import { ADC_NS, SOAP11_NS, SOAP12_NS } from './soap-constants.ts';

/** Deeper than any envelope this face takes (Envelope/Body/Operation/Field is 4). */
export const MAX_XML_DEPTH = 32;
/** Namespace declarations one element may carry, and a whole document (SOAP stacks use a handful). */
export const MAX_NS_PER_ELEMENT = 64;
export const MAX_NS_PER_DOCUMENT = 256;

/** Counts the namespace bindings a read creates (tests count work, never time). */
export type XmlMeter = { scopeEntries: number };

export type XmlValue = string | XmlObject | XmlValue[];
export type XmlObject = { [name: string]: XmlValue };
/** A child of a SOAP Header, with its attributes (`{namespace}local` for qualified ones): mustUnderstand, role. */
export type HeaderBlock = { local: string; namespace: string | null; attributes: ReadonlyMap<string, string> };
export type XmlDocument = { root: string; rootNamespace: string | null; value: XmlObject; headerBlocks: HeaderBlock[] };

const KNOWN_NS = new Set([SOAP11_NS, SOAP12_NS, ADC_NS]);
const ENVELOPE_NS = new Set([SOAP11_NS, SOAP12_NS]);

let made: XMLParser | undefined;
const parser = (): XMLParser =>
  (made ??= new (xmlLibrary().XMLParser)({
    ignoreAttributes: false,
    attributeNamePrefix: '@',
    parseTagValue: false,
    parseAttributeValue: false,
    processEntities: false, // entities are decoded below: the five predefined ones and &#...; only
    htmlEntities: false,
    ignoreDeclaration: true,
    ignorePiTags: true,
    trimValues: true,
    maxNestedTags: MAX_XML_DEPTH,
  }));

const bad = (code: string, title: string, detail: string) => new DomainError('bad_request', code, title, detail);

/**
 * Parses `text`; throws a `bad_request` DomainError (doctype-not-allowed, xml-too-deep, malformed-xml,
 * too-many-namespaces) otherwise.
 */
export function readXml(text: string, meter: XmlMeter = { scopeEntries: 0 }): XmlDocument {
  // A DTD is never needed in SOAP (SOAP 1.1 and 1.2 forbid it): refusing it outright rules out XXE and entity bombs.
  if (/<!DOCTYPE/i.test(text))
    throw bad(
      'doctype-not-allowed',
      'DOCTYPE not allowed',
      'XML documents with a DOCTYPE (DTD, entity declarations) are refused.',
    );
  const valid = xmlLibrary().XMLValidator.validate(text);
  if (valid !== true)
    throw bad(
      'malformed-xml',
      'Malformed XML',
      `The body is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col}).`,
    );
  let parsed: Record<string, unknown>;
  try {
    parsed = parser().parse(text) as Record<string, unknown>;
  } catch (err) {
    const message = (err as Error).message;
    if (/nest/i.test(message))
      throw bad('xml-too-deep', 'XML nested too deeply', `Elements may be nested at most ${MAX_XML_DEPTH} deep.`);
    throw bad('malformed-xml', 'Malformed XML', `The body is not well-formed XML: ${message}`);
  }
  const roots = Object.keys(parsed).filter((k) => !k.startsWith('@') && k !== '#text');
  if (roots.length !== 1) throw bad('malformed-xml', 'Malformed XML', 'An XML document has exactly one root element.');
  const raw = roots[0]!;
  const node = parsed[raw];
  if (Array.isArray(node)) throw bad('malformed-xml', 'Malformed XML', 'An XML document has exactly one root element.');
  const reader = { meter, declared: 0 };
  const scope = declarations(node, { prefixes: new Map([['xml', 'http://www.w3.org/XML/1998/namespace']]) }, reader);
  const namespace = namespaceOf(raw, scope);
  const root = nameOf(raw, namespace, false);
  const value = convert(
    node,
    scope,
    ENVELOPE_NS.has(namespace ?? '') && localName(raw) === 'Envelope' ? 'envelope' : 'other',
    reader,
  );
  const envelope = ENVELOPE_NS.has(namespace ?? '') && localName(raw) === 'Envelope';
  return {
    root,
    rootNamespace: namespace,
    value: typeof value === 'string' ? {} : (value as XmlObject),
    headerBlocks: envelope ? headerBlocksOf(node, scope) : [],
  };
}

const isElement = (node: unknown): node is Record<string, unknown> =>
  node !== null && typeof node === 'object' && !Array.isArray(node);
const childEntries = (node: Record<string, unknown>) =>
  Object.entries(node).filter(([key]) => !key.startsWith('@') && key !== '#text');

/** The children of the envelope's SOAP Header, with their attributes (the parsed value drops attributes). */
function headerBlocksOf(envelope: unknown, scope: Scope): HeaderBlock[] {
  if (!isElement(envelope)) return [];
  // The same declarations convert() counted (and bounded) already: not counted again.
  const again: Reader = { meter: { scopeEntries: 0 }, declared: 0 };
  const out: HeaderBlock[] = [];
  for (const [key, child] of childEntries(envelope)) {
    for (const header of Array.isArray(child) ? child : [child]) {
      const inHeader = declarations(header, scope, again);
      if (localName(key) !== 'Header' || !ENVELOPE_NS.has(namespaceOf(key, inHeader) ?? '') || !isElement(header))
        continue;
      for (const [name, block] of childEntries(header)) {
        for (const item of Array.isArray(block) ? block : [block]) {
          const inBlock = declarations(item, inHeader, again);
          const attributes = new Map<string, string>();
          for (const [at, value] of isElement(item) ? Object.entries(item) : []) {
            if (!at.startsWith('@') || at === '@xmlns' || at.startsWith('@xmlns:')) continue;
            const rawName = at.slice(1);
            const qualified = rawName.includes(':')
              ? `{${namespaceOf(rawName, inBlock) ?? ''}}${localName(rawName)}`
              : rawName;
            attributes.set(qualified, decode(String(value)));
          }
          out.push({ local: localName(name), namespace: namespaceOf(name, inBlock), attributes });
        }
      }
    }
  }
  return out;
}

/** `Envelope` for known namespaces; `{urn:x}Name` for others; `{}Name` for unqualified children of Header and Body. */
function nameOf(raw: string, namespace: string | null, mustBeQualified: boolean): string {
  const local = localName(raw);
  if (namespace === null) return mustBeQualified ? `{}${local}` : local;
  return KNOWN_NS.has(namespace) ? local : `{${namespace}}${local}`;
}

const localName = (raw: string) => raw.slice(raw.indexOf(':') + 1);

/** The prefixes an element declares, in front of its parent's scope (shared, never copied). */
type Scope = { prefixes: Map<string, string>; parent?: Scope };
type Reader = { meter: XmlMeter; declared: number };

/** At most MAX_XML_DEPTH scopes up the chain. */
function lookup(scope: Scope | undefined, prefix: string): string | undefined {
  for (let s = scope; s; s = s.parent) {
    const ns = s.prefixes.get(prefix);
    if (ns !== undefined) return ns;
  }
  return undefined;
}

function namespaceOf(raw: string, scope: Scope): string | null {
  const colon = raw.indexOf(':');
  const prefix = colon < 0 ? '' : raw.slice(0, colon);
  const ns = lookup(scope, prefix);
  if (ns === undefined && prefix)
    throw bad('malformed-xml', 'Malformed XML', `The namespace prefix "${prefix}" is not declared.`);
  return ns || null;
}

const tooMany = (detail: string) => bad('too-many-namespaces', 'Too many namespace declarations', detail);

function declarations(node: unknown, outer: Scope, reader: Reader): Scope {
  if (!node || typeof node !== 'object' || Array.isArray(node)) return outer;
  let scope = outer;
  let here = 0;
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key !== '@xmlns' && !key.startsWith('@xmlns:')) continue;
    if (++here > MAX_NS_PER_ELEMENT)
      throw tooMany(`An element declares at most ${MAX_NS_PER_ELEMENT} namespace prefixes.`);
    if (++reader.declared > MAX_NS_PER_DOCUMENT)
      throw tooMany(`A document declares at most ${MAX_NS_PER_DOCUMENT} namespace prefixes.`);
    if (scope === outer) scope = { prefixes: new Map(), parent: outer };
    reader.meter.scopeEntries++;
    scope.prefixes.set(key === '@xmlns' ? '' : key.slice(7), decode(String(value)));
  }
  return scope;
}

type Position = 'envelope' | 'envelope-part' | 'other';

/** Text-only elements become strings (attributes dropped), others objects; repeated elements arrays. */
function convert(node: unknown, scope: Scope, position: Position, reader: Reader): XmlValue {
  if (node === null || node === undefined) return '';
  if (typeof node !== 'object') return decode(String(node));
  if (Array.isArray(node)) return node.map((n) => convert(n, scope, position, reader));
  const out: XmlObject = {};
  let text = '';
  let children = 0;
  for (const [key, child] of Object.entries(node as Record<string, unknown>)) {
    if (key.startsWith('@')) continue;
    if (key === '#text') {
      text = decode(String(child));
      continue;
    }
    children += 1;
    const items = Array.isArray(child) ? child : [child];
    const scopes = items.map((item) => declarations(item, scope, reader));
    const namespace = namespaceOf(key, scopes[0] ?? scope);
    const name = nameOf(key, namespace, position === 'envelope-part');
    const local = localName(key);
    const next: Position =
      position === 'envelope' && ENVELOPE_NS.has(namespace ?? '') && (local === 'Header' || local === 'Body')
        ? 'envelope-part'
        : 'other';
    const values = items.map((item, i) => convert(item, scopes[i]!, next, reader));
    out[name] = values.length === 1 ? values[0]! : values;
  }
  return children === 0 ? text : out;
}

const PREDEFINED: ReadonlyMap<string, string> = new Map(
  Object.entries({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" }),
);

/** Decodes the predefined entities and character references; any other entity reference is refused. */
function decode(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&([^;&\s]*);?/g, (whole, name: string) => {
    if (!whole.endsWith(';')) throw bad('malformed-xml', 'Malformed XML', 'A bare "&" must be written &amp;.');
    const predefined = PREDEFINED.get(name); // a Map: `&toString;` is no entity
    if (predefined !== undefined) return predefined;
    const code = /^#x([0-9a-f]+)$/i.exec(name)
      ? parseInt(name.slice(2), 16)
      : /^#[0-9]+$/.test(name)
        ? parseInt(name.slice(1), 10)
        : NaN;
    if (Number.isNaN(code))
      throw bad('malformed-xml', 'Malformed XML', `The entity &${name}; is not declared (DTDs are not accepted).`);
    if (code > 0x10ffff || code === 0 || (code >= 0xd800 && code <= 0xdfff))
      throw bad('malformed-xml', 'Malformed XML', `&${name}; is not a valid character.`);
    return String.fromCodePoint(code);
  });
}

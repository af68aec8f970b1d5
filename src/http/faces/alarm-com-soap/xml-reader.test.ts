import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../domain/errors.ts';
import { MAX_NS_PER_DOCUMENT, MAX_NS_PER_ELEMENT, MAX_XML_DEPTH, readXml, type XmlMeter } from './xml-reader.ts';

const codeOf = (text: string): string => {
  try {
    readXml(text);
    return 'parsed';
  } catch (err) {
    return err instanceof DomainError ? err.code : `unexpected: ${String(err)}`;
  }
};

describe('readXml: untrusted XML', () => {
  it('refuses an external entity (XXE) outright, before anything is resolved', () => {
    expect(
      codeOf('<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><foo>&xxe;</foo>'),
    ).toBe('doctype-not-allowed');
  });

  it('refuses a billion-laughs entity bomb outright', () => {
    const bomb = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('')}]><lolz>&lol9;</lolz>`;
    expect(codeOf(bomb)).toBe('doctype-not-allowed');
  });

  it('refuses references to undeclared entities, and decodes only the predefined ones and character references', () => {
    expect(codeOf('<a>&xxe;</a>')).toBe('malformed-xml');
    expect(readXml('<a><b>&lt;&amp;&gt;&quot;&apos;&#65;&#x42;</b></a>').value).toEqual({ b: `<&>"'AB` });
  });

  it(`refuses nesting deeper than ${MAX_XML_DEPTH}, even 100,000 deep`, () => {
    expect(codeOf(`${'<a>'.repeat(MAX_XML_DEPTH + 2)}${'</a>'.repeat(MAX_XML_DEPTH + 2)}`)).toBe('xml-too-deep');
    expect(codeOf(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`)).toMatch(/xml-too-deep|malformed-xml/);
  });

  it('refuses what is not well-formed XML', () => {
    for (const text of ['not xml', '<a><b></a>', '<a>1 & 2</a>', '<a/><b/>', '<p:a>x</p:a>', '{"json": true}'])
      expect(codeOf(text), text).toBe('malformed-xml');
  });

  it('names elements by namespace: SOAP and Alarm.com ones by local name, others {ns}name, unqualified operation elements {}name', () => {
    const doc = readXml(
      '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><A xmlns="http://www.alarm.com/WebServices"><User>u</User></A></s:Header>' +
        '<s:Body><x:Op xmlns:x="urn:other"><y>1</y></x:Op><Bare/></s:Body></s:Envelope>',
    );
    expect(doc.root).toBe('Envelope');
    expect(doc.rootNamespace).toBe('http://schemas.xmlsoap.org/soap/envelope/');
    expect(doc.value).toEqual({ Header: { A: { User: 'u' } }, Body: { '{urn:other}Op': { y: '1' }, '{}Bare': '' } });
  });

  it('shares namespace scopes: each declaration is one binding, however many elements sit below it', () => {
    const meter: XmlMeter = { scopeEntries: 0 };
    const root = Array.from({ length: MAX_NS_PER_ELEMENT }, (_, i) => `xmlns:p${i}="urn:p${i}"`).join(' ');
    const children = MAX_NS_PER_DOCUMENT - MAX_NS_PER_ELEMENT;
    const doc = readXml(`<r ${root}>${'<p1:k xmlns:q="v"><q:x/></p1:k>'.repeat(children)}</r>`, meter);
    expect(doc.value).toEqual({ '{urn:p1}k': Array(children).fill({ '{v}x': '' }) });
    expect(meter.scopeEntries).toBe(MAX_NS_PER_DOCUMENT); // copying scopes per element would make it 64 x 192 more
  });

  it(`refuses more than ${MAX_NS_PER_ELEMENT} declarations on an element or ${MAX_NS_PER_DOCUMENT} in a document, before binding them all`, () => {
    const decls = (n: number) => Array.from({ length: n }, (_, i) => `xmlns:p${i}="urn:p${i}"`).join(' ');
    expect(codeOf(`<r ${decls(MAX_NS_PER_ELEMENT)}/>`)).toBe('parsed');
    expect(codeOf(`<r ${decls(MAX_NS_PER_ELEMENT + 1)}/>`)).toBe('too-many-namespaces');
    const meter: XmlMeter = { scopeEntries: 0 };
    expect(() => readXml(`<r ${decls(6000)}>${'<k xmlns:q="v"/>'.repeat(6000)}</r>`, meter)).toThrow(/at most 64/);
    expect(meter.scopeEntries).toBe(MAX_NS_PER_ELEMENT);
    const spread = `<r>${'<k xmlns:q="v"/>'.repeat(MAX_NS_PER_DOCUMENT + 1)}</r>`;
    expect(codeOf(spread)).toBe('too-many-namespaces');
    expect(codeOf(`<r>${'<k xmlns:q="v"/>'.repeat(MAX_NS_PER_DOCUMENT)}</r>`)).toBe('parsed');
  });
});

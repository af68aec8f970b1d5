// fast-xml-parser is slow to load: it is required on the first SOAP request or WSDL, not at start-up
// (a server answers its health checks, and most sandboxes their whole life, without any XML).
import { createRequire } from 'node:module';

type FastXmlParser = typeof import('fast-xml-parser');

let library: FastXmlParser | undefined;

export const xmlLibrary = (): FastXmlParser =>
  (library ??= createRequire(import.meta.url)('fast-xml-parser') as FastXmlParser);

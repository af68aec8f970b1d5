// The small HTML page ASMX serves for a bare GET of a service: its operations, their SOAPAction, the WSDL.
import { OPERATIONS, type SoapOperationName } from './operations.ts';
import { ADC_NS, SERVICE_NAME, soapActionOf } from './soap-constants.ts';

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The help page of the service at `address` (the URL it was fetched from, without its query). */
export function helpPageHtml(address: string): string {
  const wsdl = escapeHtml(`${address}?WSDL`);
  const operations = (Object.keys(OPERATIONS) as SoapOperationName[])
    .map((name) => `<li><strong>${name}</strong> (SOAPAction <code>${escapeHtml(soapActionOf(name))}</code>)</li>`)
    .join('');
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${SERVICE_NAME} Web Service</title></head>` +
    `<body><h1>${SERVICE_NAME}</h1>` +
    `<p>Alarm.com web service (simulated), namespace <code>${ADC_NS}</code>. It supports the following operations, ` +
    `called with SOAP 1.1 (<code>text/xml</code>) or SOAP 1.2 (<code>application/soap+xml</code>):</p>` +
    `<ul>${operations}</ul>` +
    `<p>For a formal definition, please review the <a href="${wsdl}">Service Description</a> (WSDL).</p>` +
    `</body></html>`
  );
}

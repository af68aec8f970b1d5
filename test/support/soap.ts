import { readSoapAnswer, soapRequest, type SoapAnswer } from '../../src/http/faces/alarm-com-soap/client-codec.ts';
import type { SoapOperationName } from '../../src/http/faces/alarm-com-soap/operations.ts';
import { SERVICE_PATH, type SoapVersion } from '../../src/http/faces/alarm-com-soap/soap-constants.ts';
import type { TestApp } from './test-app.ts';

/** Calls an Alarm.com SOAP operation through the test app; the answer is read with the face's own codec. */
export async function soapCall(
  t: TestApp,
  operation: SoapOperationName,
  [username, password]: [string, string],
  input: Record<string, string> = {},
  { version = '1.1', sandbox }: { version?: SoapVersion; sandbox?: string } = {},
): Promise<{ status: number; answer: SoapAnswer }> {
  const request = soapRequest(version, operation, { username, password }, input);
  const headers = sandbox ? { ...request.headers, 'x-sandbox': sandbox } : request.headers;
  const res = await t.app.request(SERVICE_PATH, { method: 'POST', headers, body: request.body });
  return { status: res.status, answer: readSoapAnswer(operation, await res.text()) };
}

// Consumer: SecurityTrax (checking "Billing Integration" on an Interactive Services Provider).
// Provider: the Alarm.com web services GetSecurityTraxSettings / SetSecurityTraxSettings, in SOAP 1.1
// (text/xml, SOAPAction, credentials in the Authentication SOAP header). Provider states are scenario
// names: `role-cache-delay` gives acme-isp / isp-pass the SecurityTrax role (integration not enabled
// yet); `role-missing` gives norole-isp / isp-pass no roles.
//
// The XML bodies are exact (the provider states make every value deterministic, the UpdatedAt included):
// pact records XmlBuilder matchers under prefixed paths ($.soap:Envelope...) while its verifier looks
// them up by namespace URI, so a matcher inside a namespaced SOAP body would silently never apply.
import { XmlBuilder, type XmlElement } from '@pact-foundation/pact';
import { describe, expect } from 'vitest';
import { createWebServicesClient, SoapFaultError } from '../clients/index.ts';
import { pactSuite } from './pact-support.ts';

const { pact, interaction } = pactSuite('securitytrax', 'alarm-com-webservices');

const ASMX = '/alarm-com/WebServices/CustomerManagement.asmx';
const ADC = 'http://www.alarm.com/WebServices';
const SOAP11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const ROLE_MISSING =
  'The Alarm.com credentials "norole-isp" do not have the SecurityTrax Role. Ask Alarm.com to add the SecurityTrax Role to these credentials.';
const CREDENTIALS = {
  'role-cache-delay': ['acme-isp', 'isp-pass'],
  'role-missing': ['norole-isp', 'isp-pass'],
} as const;
type Operation = 'GetSecurityTraxSettings' | 'SetSecurityTraxSettings';

// XmlBuilder serialises attributes with JSON.stringify, so they must be a plain object (its type says Map).
const attributes = (a: Record<string, string>) => a as unknown as Map<string, string>;
const none = () => attributes({});
const adcNamespace = () => attributes({ xmlns: ADC });

/** A SOAP 1.1 envelope as the typed client writes it; `fill` adds the Body's content. */
function envelope(fill: (body: XmlElement) => void, header?: (h: XmlElement) => void): string {
  return new XmlBuilder('1.0', 'UTF-8', 'soap:Envelope').build((env) => {
    env.setAttributes(attributes({ 'xmlns:soap': SOAP11, 'xmlns:adc': ADC }));
    if (header) env.appendElement('soap:Header', none(), header);
    env.appendElement('soap:Body', none(), fill);
  });
}

function requestBody(operation: Operation, [user, password]: readonly [string, string], enabled?: boolean): string {
  return envelope(
    (body) =>
      body.appendElement(operation, adcNamespace(), (op) => {
        if (enabled !== undefined) op.appendElement('BillingIntegrationEnabled', none(), String(enabled));
      }),
    (header) =>
      header.appendElement('Authentication', adcNamespace(), (auth) => {
        auth.appendElement('User', none(), user);
        auth.appendElement('Password', none(), password);
        auth.appendElement('TwoFactorDeviceId', none());
      }),
  );
}

const requestHeaders = (operation: Operation) => ({
  'Content-Type': 'text/xml; charset=utf-8',
  SOAPAction: `"${ADC}/${operation}"`,
});
const XML_TYPE = { 'Content-Type': 'text/xml; charset=utf-8' };

function resultBody(operation: Operation, fill: (result: XmlElement) => void): string {
  return envelope((body) =>
    body.appendElement(`${operation}Response`, adcNamespace(), (response) =>
      response.appendElement(`${operation}Result`, none(), fill),
    ),
  );
}

const client = (url: string, [username, password]: readonly [string, string]) =>
  createWebServicesClient({ baseUrl: url, username, password });

describe('securitytrax -> alarm-com-webservices (SOAP 1.1)', () => {
  interaction('GetSecurityTraxSettings with the role', async () => {
    await pact
      .addInteraction()
      .given('role-cache-delay')
      .uponReceiving('GetSecurityTraxSettings with credentials that have the SecurityTrax role')
      .withRequest('POST', ASMX, (b) =>
        b
          .headers(requestHeaders('GetSecurityTraxSettings'))
          .xmlBody(requestBody('GetSecurityTraxSettings', CREDENTIALS['role-cache-delay'])),
      )
      .willRespondWith(200, (b) =>
        b.headers(XML_TYPE).xmlBody(
          resultBody('GetSecurityTraxSettings', (r) => {
            r.appendElement('Success', none(), 'true');
            r.appendElement('ErrorMessage', none());
            r.appendElement('BillingIntegrationEnabled', none(), 'false');
          }),
        ),
      )
      .executeTest(async (server) => {
        const result = await client(server.url, CREDENTIALS['role-cache-delay']).getSecurityTraxSettings();
        expect(result.Success).toBe(true);
        expect(typeof result.BillingIntegrationEnabled).toBe('boolean');
      });
  });

  interaction('SetSecurityTraxSettings with the role', async () => {
    await pact
      .addInteraction()
      .given('role-cache-delay')
      .uponReceiving('SetSecurityTraxSettings enabling the integration with credentials that have the role')
      .withRequest('POST', ASMX, (b) =>
        b
          .headers(requestHeaders('SetSecurityTraxSettings'))
          .xmlBody(requestBody('SetSecurityTraxSettings', CREDENTIALS['role-cache-delay'], true)),
      )
      .willRespondWith(200, (b) =>
        b.headers(XML_TYPE).xmlBody(
          resultBody('SetSecurityTraxSettings', (r) => {
            r.appendElement('Success', none(), 'true');
            r.appendElement('ErrorMessage', none());
            r.appendElement('BillingIntegrationEnabled', none(), 'true');
            r.appendElement('UpdatedAt', none(), '2019-01-01T09:00:00.000Z'); // the scenario's virtual clock
          }),
        ),
      )
      .executeTest(async (server) => {
        const result = await client(server.url, CREDENTIALS['role-cache-delay']).setSecurityTraxSettings(true);
        expect(result).toMatchObject({ Success: true, BillingIntegrationEnabled: true });
      });
  });

  for (const operation of ['GetSecurityTraxSettings', 'SetSecurityTraxSettings'] as const) {
    interaction(`${operation} without the role`, async () => {
      await pact
        .addInteraction()
        .given('role-missing')
        .uponReceiving(`${operation} with credentials that lack the SecurityTrax role`)
        .withRequest('POST', ASMX, (b) =>
          b
            .headers(requestHeaders(operation))
            .xmlBody(
              requestBody(
                operation,
                CREDENTIALS['role-missing'],
                operation === 'SetSecurityTraxSettings' ? true : undefined,
              ),
            ),
        )
        .willRespondWith(200, (b) =>
          b.headers(XML_TYPE).xmlBody(
            resultBody(operation, (r) => {
              r.appendElement('Success', none(), 'false');
              r.appendElement('ErrorMessage', none(), ROLE_MISSING);
            }),
          ),
        )
        .executeTest(async (server) => {
          const c = client(server.url, CREDENTIALS['role-missing']);
          const result =
            operation === 'GetSecurityTraxSettings'
              ? await c.getSecurityTraxSettings()
              : await c.setSecurityTraxSettings(true);
          expect(result.Success).toBe(false);
          expect(result.ErrorMessage).toContain('SecurityTrax Role');
        });
    });
  }

  interaction('GetSecurityTraxSettings with wrong credentials', async () => {
    await pact
      .addInteraction()
      .given('role-missing')
      .uponReceiving('GetSecurityTraxSettings with a wrong password')
      .withRequest('POST', ASMX, (b) =>
        b
          .headers(requestHeaders('GetSecurityTraxSettings'))
          .xmlBody(requestBody('GetSecurityTraxSettings', ['norole-isp', 'wrong-pass'])),
      )
      .willRespondWith(500, (b) =>
        b.headers(XML_TYPE).xmlBody(
          envelope((body) =>
            body.appendElement('soap:Fault', none(), (fault) => {
              fault.appendElement('faultcode', none(), 'soap:Client.InvalidCredentials');
              fault.appendElement('faultstring', none(), 'The Alarm.com username or password is incorrect.');
              fault.appendElement('detail', none(), (d) =>
                d.appendElement('FaultDetail', adcNamespace(), (f) =>
                  f.appendElement('Code', none(), 'InvalidCredentials'),
                ),
              );
            }),
          ),
        ),
      )
      .executeTest(async (server) => {
        const err = await client(server.url, ['norole-isp', 'wrong-pass'])
          .getSecurityTraxSettings()
          .catch((e: unknown) => e);
        expect(err).toBeInstanceOf(SoapFaultError);
        expect((err as SoapFaultError).code).toBe('InvalidCredentials');
        expect((err as SoapFaultError).status).toBe(500);
      });
  });
});

// Consumer: SecurityTrax (checking "Billing Integration" on an Interactive Services Provider).
// Provider: the Alarm.com web services GetSecurityTraxSettings / SetSecurityTraxSettings.
// Provider states are scenario names: `role-cache-delay` gives acme-isp / isp-pass the SecurityTrax
// role (integration not enabled yet); `role-missing` gives norole-isp / isp-pass no roles.
import { MatchersV3 as M } from '@pact-foundation/pact';
import { describe, expect } from 'vitest';
import { createWebServicesClient, ProblemError } from '../clients/index.ts';
import { pactSuite } from './pact-support.ts';

const { pact, interaction } = pactSuite('securitytrax', 'alarm-com-webservices');

const WS = '/alarm-com/webservices';
const PROBLEMS = 'https://trax-sim.dev/problems/';
const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;
const CREDENTIALS = { 'role-cache-delay': ['acme-isp', 'isp-pass'], 'role-missing': ['norole-isp', 'isp-pass'] } as const;
type State = keyof typeof CREDENTIALS;

const requestHeaders = (state: State) => {
  const [username, password] = CREDENTIALS[state];
  return { Authorization: M.regex(/^Basic [A-Za-z0-9+/=]+$/, basic(username, password)), 'Content-Type': 'application/json' };
};
const client = (url: string, state: State) => {
  const [username, password] = CREDENTIALS[state];
  return createWebServicesClient({ baseUrl: url, username, password });
};
const JSON_TYPE = { 'Content-Type': M.regex(/^application\/json/, 'application/json') };
const roleMissing = {
  type: `${PROBLEMS}securitytrax-role-missing`,
  detail: M.string('The Alarm.com credentials "norole-isp" do not have the SecurityTrax role.'),
};
const PROBLEM_TYPE = { 'Content-Type': M.regex(/^application\/problem\+json/, 'application/problem+json') };

describe('securitytrax -> alarm-com-webservices', () => {
  interaction('GetSecurityTraxSettings with the role', async () => {
    await pact
      .addInteraction()
      .given('role-cache-delay')
      .uponReceiving('GetSecurityTraxSettings with credentials that have the SecurityTrax role')
      .withRequest('POST', `${WS}/GetSecurityTraxSettings`, (b) => b.headers(requestHeaders('role-cache-delay')).jsonBody({}))
      .willRespondWith(200, (b) => b.headers(JSON_TYPE).jsonBody({ billingIntegrationEnabled: M.boolean(false) }))
      .executeTest(async (server) => {
        const settings = await client(server.url, 'role-cache-delay').getSecurityTraxSettings();
        expect(typeof settings.billingIntegrationEnabled).toBe('boolean');
      });
  });

  interaction('SetSecurityTraxSettings with the role', async () => {
    await pact
      .addInteraction()
      .given('role-cache-delay')
      .uponReceiving('SetSecurityTraxSettings enabling the integration with credentials that have the role')
      .withRequest('POST', `${WS}/SetSecurityTraxSettings`, (b) => b.headers(requestHeaders('role-cache-delay')).jsonBody({ billingIntegrationEnabled: true }))
      .willRespondWith(200, (b) =>
        b.headers(JSON_TYPE).jsonBody({
          billingIntegrationEnabled: true,
          updatedAt: M.regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/, '2019-01-01T09:00:00.000Z'),
        }),
      )
      .executeTest(async (server) => {
        const settings = await client(server.url, 'role-cache-delay').setSecurityTraxSettings(true);
        expect(settings.billingIntegrationEnabled).toBe(true);
      });
  });

  interaction('GetSecurityTraxSettings without the role', async () => {
    await pact
      .addInteraction()
      .given('role-missing')
      .uponReceiving('GetSecurityTraxSettings with credentials that lack the SecurityTrax role')
      .withRequest('POST', `${WS}/GetSecurityTraxSettings`, (b) => b.headers(requestHeaders('role-missing')).jsonBody({}))
      .willRespondWith(403, (b) => b.headers(PROBLEM_TYPE).jsonBody(roleMissing))
      .executeTest(async (server) => {
        const err = await client(server.url, 'role-missing').getSecurityTraxSettings().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(ProblemError);
        expect((err as ProblemError).code).toBe('securitytrax-role-missing');
        expect((err as ProblemError).status).toBe(403);
      });
  });

  interaction('SetSecurityTraxSettings without the role', async () => {
    await pact
      .addInteraction()
      .given('role-missing')
      .uponReceiving('SetSecurityTraxSettings with credentials that lack the SecurityTrax role')
      .withRequest('POST', `${WS}/SetSecurityTraxSettings`, (b) => b.headers(requestHeaders('role-missing')).jsonBody({ billingIntegrationEnabled: true }))
      .willRespondWith(403, (b) => b.headers(PROBLEM_TYPE).jsonBody(roleMissing))
      .executeTest(async (server) => {
        const err = await client(server.url, 'role-missing').setSecurityTraxSettings(true).catch((e: unknown) => e);
        expect((err as ProblemError).code).toBe('securitytrax-role-missing');
      });
  });
});

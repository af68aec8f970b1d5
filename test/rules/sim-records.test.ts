import { describe, expect, it } from 'vitest';
import { basic, codeOf, ruleApp, type RuleApp } from './rule-app.ts';

// End-user logins and Alarm.com credentials (src/domain/dealer.ts) as the simulator control sets them:
// the "linked to a SecurityTrax account" condition of Billing follows the link, usernames are unique,
// and each change is one event on the timeline (none for a change that changes nothing).

type Ev = { type: string; data: Record<string, unknown> };
const eventsAfter = async (t: RuleApp, after: number): Promise<Ev[]> =>
  (await t.on('GET', `/__sim/events?after=${after}&limit=500`)).body.items.map((e: Ev) => ({
    type: e.type,
    data: e.data,
  }));
const lastId = (t: RuleApp): number => t.timeline('rules').length;

describe('logins and Alarm.com credentials, through the simulator control', () => {
  it('a login is linked, relinked and unlinked; Billing follows the link and the password', async () => {
    const t = await ruleApp();
    expect((await t.on('POST', '/__sim/logins', { body: { username: 'ada', password: 'x' } })).body).toMatchObject({
      title: 'Username taken',
      detail: 'The username "ada" is already in use.',
    });
    const start = lastId(t);
    const cy = await t.on('POST', '/__sim/logins', { body: { username: 'cy', password: 'cy-pass' } });
    expect(cy.status).toBe(201);
    expect(cy.body).toEqual({ id: 3, username: 'cy', customerId: null }); // after Ada's and Ben's
    const id = cy.body.id as number;
    const summary = (password: string) =>
      t.on('GET', '/alarm-com/api/billing/summary', { auth: basic('cy', password) });
    const unlinked = await summary('cy-pass');
    expect(unlinked.status).toBe(409);
    expect(unlinked.body.reasons.map((r: { code: string }) => r.code)).toEqual(['login-not-linked']);

    expect((await t.on('PATCH', `/__sim/logins/${id}`, { body: { password: 'new-pass' } })).body.customerId).toBeNull();
    expect((await summary('cy-pass')).status).toBe(401);
    const linked = await t.on('PATCH', `/__sim/logins/${id}`, { body: { customerId: t.refs.ada } });
    expect(linked.body.customerId).toBe(t.refs.ada);
    expect((await summary('new-pass')).status).toBe(200);
    const same = lastId(t);
    await t.on('PATCH', `/__sim/logins/${id}`, { body: { customerId: t.refs.ada } });
    expect(lastId(t)).toBe(same);
    await t.on('PATCH', `/__sim/logins/${id}`, { body: { customerId: t.refs.ben } });
    expect((await summary('new-pass')).body.customerId).toBe(t.refs.ben);
    expect((await t.on('PATCH', `/__sim/logins/${id}`, { body: { customerId: 9999 } })).body).toMatchObject({
      status: 404,
      detail: 'Customer 9999 does not exist.',
    });
    await t.on('PATCH', `/__sim/logins/${id}`, { body: { customerId: null } });
    expect((await summary('new-pass')).status).toBe(409);
    expect((await t.on('PATCH', '/__sim/logins/9999', { body: { customerId: null } })).body).toMatchObject({
      status: 404,
      detail: 'Login 9999 does not exist.',
    });

    expect(await eventsAfter(t, start)).toEqual([
      { type: 'login.created', data: { loginId: id, username: 'cy', customerId: null } },
      { type: 'login.updated', data: { loginId: id, username: 'cy' } },
      { type: 'login.linked', data: { loginId: id, customerId: t.refs.ada, previousCustomerId: null } },
      { type: 'login.linked', data: { loginId: id, customerId: t.refs.ben, previousCustomerId: t.refs.ada } },
      { type: 'login.unlinked', data: { loginId: id, customerId: t.refs.ben } },
    ]);
  });

  it('Alarm.com credentials: unique usernames, roles, a password change recorded but never shown', async () => {
    const t = await ruleApp();
    expect(
      codeOf(
        await t.on('POST', '/__sim/alarm-com-credentials', {
          body: { username: 'acme-isp', password: 'x', roles: [] },
        }),
      ),
    ).toBe('username-taken');
    const start = lastId(t);
    const created = await t.on('POST', '/__sim/alarm-com-credentials', {
      body: { username: 'other-isp', password: 'other-pass', roles: [] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: 2,
      username: 'other-isp',
      roles: [],
      securityTraxSettings: { billingIntegrationEnabled: false, updatedAt: null },
    });
    const id = created.body.id as number;
    const roles = await t.on('PATCH', `/__sim/alarm-com-credentials/${id}`, { body: { roles: ['SecurityTrax'] } });
    expect(roles.body.roles).toEqual(['SecurityTrax']);
    const password = await t.on('PATCH', `/__sim/alarm-com-credentials/${id}`, { body: { password: 'new-pass' } });
    expect(password.body.roles).toEqual(['SecurityTrax']);
    expect((await t.on('PATCH', '/__sim/alarm-com-credentials/9999', { body: { roles: [] } })).body).toMatchObject({
      status: 404,
      detail: 'Alarm.com credential 9999 does not exist.',
    });
    const events = await eventsAfter(t, start);
    expect(events).toEqual([
      { type: 'alarm_com_credential.created', data: { credentialId: id, username: 'other-isp', roles: [] } },
      {
        type: 'alarm_com_credential.updated',
        data: { credentialId: id, roles: ['SecurityTrax'], passwordChanged: false },
      },
      {
        type: 'alarm_com_credential.updated',
        data: { credentialId: id, roles: ['SecurityTrax'], passwordChanged: true },
      },
    ]);
    expect(JSON.stringify(events)).not.toContain('pass"');
  });
});

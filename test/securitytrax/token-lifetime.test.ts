// A bearer token never outlives the sandbox or the dealer credentials it was issued for: temporary tokens
// are signed and name the sandbox, its incarnation and a fingerprint of the dealer's credentials. They expire
// after 10 minutes of wall clock, or when a test expires them at once with the expireTokens fault.
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/create-app.ts';
import { testApp, type TestApp } from '../support/test-app.ts';
import { ST_KEY, stBase } from '../support/securitytrax.ts';

async function authenticate(t: Pick<TestApp, 'call'>, profile: string, password = 'dealer-pass'): Promise<string> {
  const res = await t.call('POST', `${stBase(profile)}/authenticate`, {
    headers: { 'x-securitytrax-integratorkey': ST_KEY },
    body: { username: 'dealer', password },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.data.attributes.token as string;
}

const customers = (t: Pick<TestApp, 'call'>, profile: string, token: string) =>
  t.call('GET', `${stBase(profile)}/customers`, {
    headers: { 'x-securitytrax-integratorkey': ST_KEY, authorization: `Bearer ${token}` },
  });

async function refused(t: Pick<TestApp, 'call'>, profile: string, token: string, why: RegExp) {
  const res = await customers(t, profile, token);
  expect(res.status, JSON.stringify(res.body)).toBe(401);
  expect(res.body.errors[0]).toMatchObject({ code: 'token-unknown', source: { header: 'Authorization' } });
  expect(res.body.errors[0].detail).toMatch(why);
}

describe('SecurityTrax tokens end with their sandbox and their credentials', () => {
  it('deleting a sandbox and creating it again (seed empty, or demo with the same dealer) ends its tokens', async () => {
    const t = await testApp();
    for (const seed of ['empty', 'demo']) {
      expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'ci-job', seed: 'demo' } })).status).toBe(201);
      const token = await authenticate(t, 'ci-job');
      expect((await customers(t, 'ci-job', token)).status).toBe(200);
      expect((await t.call('DELETE', '/__sim/sandboxes/ci-job')).status).toBe(204);
      expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'ci-job', seed } })).status).toBe(201);
      await refused(t, 'ci-job', token, seed === 'empty' ? /created again|no dealer/ : /created again/);
      expect((await t.call('DELETE', '/__sim/sandboxes/ci-job')).status).toBe(204);
    }
  });

  it('a reset or a scenario load ends the tokens issued before; a new one works', async () => {
    const t = await testApp();
    const before = await authenticate(t, 'default');
    expect((await t.call('POST', '/__sim/reset')).status).toBe(200);
    await refused(t, 'default', before, /reset/);
    const afterReset = await authenticate(t, 'default');
    expect((await customers(t, 'default', afterReset)).status).toBe(200);
    expect((await t.call('POST', '/__sim/scenarios/declined-card/load')).status).toBe(200);
    await refused(t, 'default', afterReset, /scenario/);
    expect((await customers(t, 'default', await authenticate(t, 'default'))).status).toBe(200);
  });

  it("changing the dealer's password ends the tokens issued before; setting the same credentials does not", async () => {
    const t = await testApp();
    const token = await authenticate(t, 'default');
    const same = await t.call('PUT', '/__sim/dealer', { body: { username: 'dealer', password: 'dealer-pass' } });
    expect(same.status).toBe(200);
    expect((await customers(t, 'default', token)).status).toBe(200);
    expect((await t.call('PUT', '/__sim/dealer', { body: { username: 'dealer', password: 'new-pass' } })).status).toBe(
      200,
    );
    await refused(t, 'default', token, /password changed/);
    expect((await customers(t, 'default', await authenticate(t, 'default', 'new-pass'))).status).toBe(200);
  });

  it('a token of one sandbox is refused on another, a clone included', async () => {
    const t = await testApp();
    const token = await authenticate(t, 'default');
    expect((await t.call('POST', '/__sim/sandboxes', { body: { name: 'copy', from: 'default' } })).status).toBe(201);
    await refused(t, 'copy', token, /another profile/);
  });

  it('a tampered token is refused: its payload or its signature changed, or signed with another secret', async () => {
    const t = await testApp();
    const token = await authenticate(t, 'default');
    const [body, signature] = token.split('.') as [string, string];
    const payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8'));
    const forged = Buffer.from(JSON.stringify({ ...payload, e: payload.e + 1e9 })).toString('base64url');
    const flip = (s: string) => (s[0] === 'A' ? `B${s.slice(1)}` : `A${s.slice(1)}`);
    for (const bad of [
      `${forged}.${signature}`,
      `${body}.${flip(signature)}`,
      `${body}.`,
      `${body}.${signature}x`,
      body,
    ])
      await refused(t, 'default', bad, /not issued/);
    const other = await testApp({ tokenSecret: 'another secret' });
    await refused(other, 'default', token, /not issued/);
  });

  it("servers sharing a store and a secret accept each other's tokens (no token is kept in memory)", async () => {
    const a = await testApp({ tokenSecret: 'shared secret of this deployment' });
    const b = createApp({ store: a.store, tokenSecret: 'shared secret of this deployment' });
    const token = await authenticate(a, 'default');
    const res = await b.request(`${stBase()}/customers`, {
      headers: { 'x-securitytrax-integratorkey': ST_KEY, authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
  });

  it('expiry still follows the injected wall clock', async () => {
    let now = Date.parse('2026-01-01T12:00:00Z');
    const t = await testApp({ wallClock: () => now });
    const token = await authenticate(t, 'default');
    now += 10 * 60_000 - 1;
    expect((await customers(t, 'default', token)).status).toBe(200);
    now += 1;
    const res = await customers(t, 'default', token);
    expect(res.status).toBe(401);
    expect(res.body.errors[0].code).toBe('token-expired');
  });

  it('the expireTokens fault expires the temporary tokens issued before it, not later ones nor personal tokens', async () => {
    const t = await testApp();
    const before = await authenticate(t, 'default');
    const pat = (await t.call('POST', '/__sim/securitytrax/personal-access-tokens', { body: { name: 'ci' } })).body
      .token as string;
    const faults = await t.call('PUT', '/__sim/faults', { body: { expireTokens: true } });
    expect(faults.body).toMatchObject({ alarmComWebServices: 'up', tokensExpired: 1 });
    const res = await customers(t, 'default', before);
    expect(res.status).toBe(401);
    expect(res.body.errors[0]).toMatchObject({ code: 'token-expired', source: { header: 'Authorization' } });
    const after = await authenticate(t, 'default');
    expect((await customers(t, 'default', after)).status).toBe(200);
    expect((await customers(t, 'default', pat)).status).toBe(200);
    // Other faults leave the tokens alone; a second expireTokens ends the newer token too.
    expect((await t.call('PUT', '/__sim/faults', { body: { declineNextCharges: 1 } })).body.tokensExpired).toBe(1);
    expect((await customers(t, 'default', after)).status).toBe(200);
    expect((await t.call('PUT', '/__sim/faults', { body: { expireTokens: true } })).body.tokensExpired).toBe(2);
    expect((await customers(t, 'default', after)).body.errors[0].code).toBe('token-expired');
    expect((await customers(t, 'default', before)).body.errors[0].code).toBe('token-expired');
  });

  it('personal access tokens are deleted with the sandbox and gone after a reset', async () => {
    const t = await testApp();
    const created = await t.call('POST', '/__sim/securitytrax/personal-access-tokens', { body: { name: 'ci' } });
    const pat = created.body.token as string;
    expect((await customers(t, 'default', pat)).status).toBe(200);
    expect((await t.call('POST', '/__sim/reset')).status).toBe(200);
    await refused(t, 'default', pat, /not issued/);
  });
});

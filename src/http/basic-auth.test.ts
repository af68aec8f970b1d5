import { describe, expect, it } from 'vitest';
import { updateLogin } from '../domain/dealer.ts';
import { seedState } from '../seeds/seed-state.ts';
import { memoryPersistence } from '../store/persistence.ts';
import { createStore } from '../store/sandbox-store.ts';
import { createLoginFinder } from '../services/authenticate.ts';
import { createCommandRunner } from '../services/command-runner.ts';
import { createBasicAuthenticator } from './basic-auth.ts';

const basic = (user: string, pass: string) => `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}`;

async function demo() {
  const store = await createStore(memoryPersistence());
  await store.create(seedState('default', { kind: 'demo' }));
  const runner = createCommandRunner({ store });
  const authenticate = createBasicAuthenticator(createLoginFinder(store));
  const login = (sandbox: string, user: string, pass: string) =>
    authenticate('endUserBasic', sandbox, basic(user, pass));
  const jane = store.require('default').logins.find((l) => l.username === 'jane')!;
  const rename = (sandbox: string, username: string) =>
    runner.run(sandbox, (s, ctx) => updateLogin(s, jane.id, { username }, ctx));
  return { store, login, jane, rename };
}

describe('end-user Basic authentication by username', () => {
  it('a renamed login signs in under its new name and is refused under the old one (index built before the rename)', async () => {
    const { login, jane, rename } = await demo();
    expect(login('default', 'jane', 'jane-pass')).toEqual({ kind: 'endUser', loginId: jane.id });
    await rename('default', 'janet');
    expect(login('default', 'janet', 'jane-pass')).toEqual({ kind: 'endUser', loginId: jane.id });
    expect(() => login('default', 'jane', 'jane-pass')).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
    // A second login may then take the freed name.
    await rename('default', 'jane');
    expect(login('default', 'jane', 'jane-pass')).toEqual({ kind: 'endUser', loginId: jane.id });
    expect(() => login('default', 'janet', 'jane-pass')).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
  });

  it('a rename in a clone (which shares the lists until its first write) leaves its source as it was', async () => {
    const { store, login, jane, rename } = await demo();
    expect(login('default', 'jane', 'jane-pass').kind).toBe('endUser'); // the shared list is indexed first
    await store.clone('default', 'copy');
    await rename('copy', 'janet');
    expect(login('copy', 'janet', 'jane-pass')).toEqual({ kind: 'endUser', loginId: jane.id });
    expect(() => login('copy', 'jane', 'jane-pass')).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
    expect(login('default', 'jane', 'jane-pass')).toEqual({ kind: 'endUser', loginId: jane.id });
    expect(() => login('default', 'janet', 'jane-pass')).toThrow(expect.objectContaining({ kind: 'unauthorized' }));
  });

  it('a wrong password is refused even for a name the index knows', async () => {
    const { login } = await demo();
    expect(() => login('default', 'jane', 'not-her-password')).toThrow(
      expect.objectContaining({ kind: 'unauthorized' }),
    );
  });
});

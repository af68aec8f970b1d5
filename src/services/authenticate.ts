import type { AdcLogin, SandboxState } from '../domain/types.ts';
import type { Store } from '../store/store.ts';

/**
 * The sandbox's SecurityTrax dealer user signs in with these credentials. A sandbox without one (seed
 * `empty`) refuses every login until PUT /__sim/dealer sets one: no demo password is ever assumed.
 */
export function isDealerLogin(state: Readonly<SandboxState>, username: string, password: string): boolean {
  const dealer = state.dealer;
  return dealer !== undefined && dealer !== null && username === dealer.username && password === dealer.password;
}

/** The sandbox's (which must exist) end-user login with these credentials. */
export type FindLogin = (sandbox: string) => (username: string, password: string) => AdcLogin | undefined;

/** The Alarm.com end-user logins, by credentials (how they reach us is HTTP's business). */
export function createLoginFinder(store: Store): FindLogin {
  return (sandbox) => {
    const state = store.require(sandbox);
    // Indexed by username (the store moves a renamed login in its index).
    return (username, password) =>
      store.read.where(state.logins, 'loginsByUsername', username).find((l) => l.password === password);
  };
}

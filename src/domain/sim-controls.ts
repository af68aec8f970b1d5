import { event } from './events.ts';
import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import type { Faults, SandboxSettings, SandboxState } from './types.ts';

// The simulator's own knobs are state too: changing them is a command with an event, like any other.

export function updateSettings(
  state: Readonly<SandboxState>,
  input: Partial<SandboxSettings>,
  ctx: Ctx,
): CommandResult<SandboxSettings> {
  const settings = { ...state.settings, ...input };
  return { patch: { settings, events: [event(ctx, 'settings.updated', { ...input })] }, result: settings };
}

/** The dealer API's user; the event names the user, never the password. */
export function setDealerCredentials(
  _state: Readonly<SandboxState>,
  input: { username: string; password: string },
  ctx: Ctx,
): CommandResult<{ username: string }> {
  const dealer = { username: input.username, password: input.password };
  return {
    patch: { dealer, events: [event(ctx, 'dealer.credentials.updated', { username: dealer.username })] },
    result: { username: dealer.username },
  };
}

/** What PUT /__sim/faults takes: the faults, and `expireTokens` to expire every temporary token issued so far. */
export type FaultsUpdate = Partial<Omit<Faults, 'tokensExpired'>> & { expireTokens?: true };

export function setFaults(state: Readonly<SandboxState>, input: FaultsUpdate, ctx: Ctx): CommandResult<Faults> {
  const { expireTokens, ...rest } = input;
  // A count, not a time: the tokens carry the count they were issued under (securitytrax/tokens.ts).
  const faults: Faults = expireTokens
    ? { ...state.faults, ...rest, tokensExpired: (state.faults.tokensExpired ?? 0) + 1 }
    : { ...state.faults, ...rest };
  return { patch: { faults, events: [event(ctx, 'faults.updated', { ...input })] }, result: faults };
}

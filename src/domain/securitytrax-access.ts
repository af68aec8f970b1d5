// Who may call the SecurityTrax API of a sandbox: integrator keys (every request) and personal access
// tokens (bearer tokens that never expire). Temporary tokens live in the HTTP face, not in the state.
import { DomainError, invalid } from './errors.ts';
import type { Ctx } from './ids.ts';
import type { CommandResult } from './patch.ts';
import type { IntegratorKey, PersonalAccessToken, SandboxState } from './types.ts';

/** The documented key every sandbox accepts until it is given keys of its own. Case-sensitive. */
export const DEMO_INTEGRATOR_KEY = 'TraxSim-Demo-Integrator-Key';

const DEMO_KEY: IntegratorKey = {
  id: 0,
  key: DEMO_INTEGRATOR_KEY,
  name: 'Documented demo key',
  createdAt: '2018-01-01T00:00:00.000Z',
};

export const integratorKeysOf = (state: Readonly<SandboxState>): IntegratorKey[] => state.integratorKeys ?? [DEMO_KEY];

/** Exact comparison: SecurityTrax integrator keys are case-sensitive. */
export const isIntegratorKey = (state: Readonly<SandboxState>, key: string): boolean =>
  integratorKeysOf(state).some((k) => k.key === key);

export function createIntegratorKey(
  state: Readonly<SandboxState>,
  input: { key: string; name?: string },
  ctx: Ctx,
): CommandResult<IntegratorKey> {
  if (!/^[\x21-\x7e]{8,128}$/.test(input.key)) {
    throw invalid(
      'invalid-integrator-key',
      'Invalid integrator key',
      'An integrator key is 8-128 printable ASCII characters without spaces.',
      [{ path: '/key', message: 'must be 8-128 printable characters' }],
    );
  }
  if (isIntegratorKey(state, input.key))
    throw new DomainError(
      'conflict',
      'integrator-key-exists',
      'Integrator key exists',
      'This sandbox already accepts that integrator key.',
    );
  const created: IntegratorKey = {
    id: ctx.ids('integratorKey'),
    key: input.key,
    name: input.name ?? 'Integrator key',
    createdAt: ctx.now,
  };
  // The first key of its own keeps the demo key the sandbox accepted so far.
  const list = [...integratorKeysOf(state), created];
  const event = {
    id: ctx.ids('event'),
    at: ctx.now,
    type: 'securitytrax.integrator_key.created',
    data: { integratorKeyId: created.id, name: created.name },
  };
  return { patch: { upsert: { integratorKeys: list }, events: [event] }, result: created };
}

export function createPersonalAccessToken(
  _state: Readonly<SandboxState>,
  input: { name: string; tokenHash: string },
  ctx: Ctx,
): CommandResult<PersonalAccessToken> {
  const token: PersonalAccessToken = {
    id: ctx.ids('personalAccessToken'),
    name: input.name,
    tokenHash: input.tokenHash,
    createdAt: ctx.now,
  };
  const event = {
    id: ctx.ids('event'),
    at: ctx.now,
    type: 'securitytrax.personal_access_token.created',
    data: { personalAccessTokenId: token.id, name: token.name },
  };
  return { patch: { upsert: { personalAccessTokens: [token] }, events: [event] }, result: token };
}

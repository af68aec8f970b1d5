// /__sim controls for the SecurityTrax face: integrator keys and personal access tokens of a sandbox.
import {
  createIntegratorKey,
  createPersonalAccessToken,
  integratorKeysOf,
} from '../../../domain/securitytrax-access.ts';
import type { CommandRunner } from '../../../services/command-runner.ts';
import { created, items, type Handlers } from '../../operation.ts';
import { hashToken, newToken } from './tokens.ts';

type Ops = Pick<
  Handlers,
  'listIntegratorKeys' | 'createIntegratorKey' | 'listPersonalAccessTokens' | 'createPersonalAccessToken'
>;

export function securityTraxSimRoutes(runner: CommandRunner): Ops {
  return {
    listIntegratorKeys: (i) => items(integratorKeysOf(runner.read(i.sandbox))),
    createIntegratorKey: async (i) =>
      created(
        await runner.run(i.sandbox, (s, ctx) => createIntegratorKey(s, i.body as { key: string; name?: string }, ctx)),
      ),
    listPersonalAccessTokens: (i) =>
      items(
        (runner.read(i.sandbox).personalAccessTokens ?? []).map(({ id, name, createdAt }) => ({ id, name, createdAt })),
      ),
    createPersonalAccessToken: async (i) => {
      // The token is shown once, here; the sandbox keeps only its hash.
      const token = newToken();
      const { name } = i.body as { name: string };
      const pat = await runner.run(i.sandbox, (s, ctx) =>
        createPersonalAccessToken(s, { name, tokenHash: hashToken(token) }, ctx),
      );
      return created({ id: pat.id, name: pat.name, createdAt: pat.createdAt, token });
    },
  };
}

// `call:` steps on the SecurityTrax face: the dealer authenticates once per run (integrator key + bearer
// token), and a step's `body` may be written flat (`{ billing_integration: true }`, relationships by id:
// `{ customer: 5 }`); the runner wraps it into the JSON:API document. A body with `data` is sent as is.
import { DEMO_INTEGRATOR_KEY } from '../domain/securitytrax-access.ts';
import { JSON_API } from '../http/faces/securitytrax/media-types.ts';
import { RESOURCE_TYPES } from '../http/faces/securitytrax/resources/registry.ts';
import { relationshipOf } from '../http/faces/securitytrax/resources/resource-type.ts';
import type { Operation } from '../http/openapi-index.ts';
import { DEMO_CREDENTIALS } from '../seeds/demo.ts';
import type { Setup } from '../seeds/setup.ts';

export const isSecurityTraxOp = (op: Operation | undefined): boolean => op?.tags[0] === 'SecurityTrax';

type Send = (r: Request) => Promise<{ status: number; body: unknown }>;

/** Headers of the run's dealer session: authenticates on first use with the scenario's dealer user. */
export function securityTraxSession(given: Setup, sandbox: string, send: Send) {
  const key = given.integratorKeys?.[0] ?? DEMO_INTEGRATOR_KEY;
  let token: string | undefined;
  return {
    key,
    /** After a 401 (an expired or ended token): the next call authenticates again, as a client would. */
    forget: () => void (token = undefined),
    async headers(as: string | undefined): Promise<Record<string, string>> {
      if (as === 'anonymous') return { 'x-securitytrax-integratorkey': key };
      if (as !== 'dealer')
        throw new Error(`SecurityTrax operations run "as: dealer" (or "as: anonymous"), not "${as ?? 'nobody'}"`);
      if (!token) {
        const { username, password } = given.dealer ?? DEMO_CREDENTIALS.dealer;
        const url = `http://trax-sim.local/securitytrax/${sandbox}/user/v1/authenticate`;
        const res = await send(
          new Request(url, {
            method: 'POST',
            headers: { 'x-securitytrax-integratorkey': key, 'content-type': 'application/json' },
            body: JSON.stringify({ username, password }),
          }),
        );
        const body = res.body as { data?: { attributes?: { token?: string } } };
        if (res.status !== 200 || !body.data?.attributes?.token)
          throw new Error(`the dealer could not authenticate: ${res.status} ${JSON.stringify(res.body).slice(0, 200)}`);
        token = body.data.attributes.token;
      }
      return { 'x-securitytrax-integratorkey': key, authorization: `Bearer ${token}`, accept: JSON_API };
    },
  };
}

/** A flat step body as the JSON:API document of the operation's resource type. */
export function jsonApiBody(op: Operation, body: unknown, id: unknown): unknown {
  if (body === null || typeof body !== 'object' || 'data' in body) return body;
  const type = op.path.split('/')[5] ?? '';
  const rt = RESOURCE_TYPES.get(type);
  if (!rt) return body;
  const attributes: Record<string, unknown> = {};
  const relationships: Record<string, unknown> = {};
  const linkage = (target: string, v: unknown) => (v === null ? null : { type: target, id: String(v) });
  for (const [name, value] of Object.entries(body)) {
    const rel = relationshipOf(rt, name);
    if (rel)
      relationships[name] = {
        data: Array.isArray(value) ? value.map((v) => linkage(rel.type, v)) : linkage(rel.type, value),
      };
    else attributes[name] = value;
  }
  return {
    data: {
      type,
      ...(id !== undefined ? { id: String(id) } : {}),
      ...(Object.keys(attributes).length ? { attributes } : {}),
      ...(Object.keys(relationships).length ? { relationships } : {}),
    },
  };
}

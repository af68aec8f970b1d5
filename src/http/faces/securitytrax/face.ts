// The SecurityTrax face, loaded: JSON:API over the shared stages (sandbox, validation, idempotency, journal).
// Its hooks, its routes and the 201 of its creating operations; its description is description.ts.
import type { Context } from 'hono';
import { isIntegratorKey } from '../../../domain/securitytrax-access.ts';
import type { DealerService } from '../../../services/dealer-service.ts';
import { textResponse } from '../../answer-text.ts';
import type { LoadedFace } from '../../face.ts';
import type { Operation } from '../../openapi-index.ts';
import type { Auth, OpOutput } from '../../operation.ts';
import { headerOf, readJsonBody } from '../../read-request.ts';
import { securityTraxCreated } from './created.ts';
import { onJsonApiError } from './errors.ts';
import { FaceError } from './face-error.ts';
import { type DocumentCheck, jsonApiSchemaCheck } from './jsonapi-schema.ts';
import { assertAcceptable, assertContentType, JSON_API } from './media-types.ts';
import { assertQueryParameters } from './query-parameters.ts';
import type { State } from './resources/resource-type.ts';
import { securityTraxRoutes } from './routes.ts';
import { createTokens, type WallClock } from './tokens.ts';
const INTEGRATOR_KEY_HEADER = 'x-securitytrax-integratorkey';
const PROFILE = /^\/securitytrax\/([^/]+)\/user\/v1(?:\/|$)/;

/** The URL's `{profile}`, percent-decoded; malformed encoding is a 400 of this face, naming the parameter. */
function profileOf(raw: string): string {
  try {
    return decodeURIComponent(raw);
  } catch {
    throw new FaceError(
      400,
      'malformed-percent-encoding',
      'Malformed percent-encoding',
      `The profile "${raw.slice(0, 64)}" in the URL is not valid percent-encoding.`,
      { parameter: 'profile' },
    );
  }
}

/** `{profile}` of the base URL names the sandbox. */
function sandboxOf(c: Context): string | undefined {
  const match = PROFILE.exec(c.req.path);
  return match ? profileOf(match[1]!) : undefined;
}

/**
 * An X-Sandbox naming another sandbox than the profile is refused, not guessed: first of the face's checks,
 * once the profile's sandbox is the request's (so the refusal is journaled and counted there).
 */
function assertOneSandbox(c: Context): void {
  const profile = sandboxOf(c);
  if (profile === undefined) return;
  const header = headerOf(c, 'x-sandbox');
  if (header !== undefined && header !== profile) {
    throw new FaceError(
      400,
      'sandbox-mismatch',
      'Sandbox mismatch',
      `The URL names profile "${profile}" but X-Sandbox names "${header.slice(0, 64)}"; send one, or the same in both.`,
      { header: 'X-Sandbox' },
    );
  }
}

export type SecurityTraxDeps = {
  dealer: DealerService;
  /** The sandbox's state with the store's lookups (the pipeline made it current). */
  stateOf: (sandbox: string) => State;
  /** Wall clock (ms) of token expiry; tests move it. */
  wallClock?: WallClock;
  /** Signs the temporary tokens (tokens.ts). */
  tokenSecret: string | Buffer;
  log?: (line: string) => void;
};

export function createSecurityTraxFace({ dealer, stateOf, wallClock, tokenSecret, log }: SecurityTraxDeps) {
  const tokens = createTokens({ stateOf, now: wallClock, secret: tokenSecret });
  let documentCheck: DocumentCheck | undefined;
  return {
    handlers: securityTraxRoutes({ dealer, stateOf, tokens }),
    created: securityTraxCreated,
    sandboxOf,
    // One sandbox, media types, then the integrator key, then the token, then the query's parameter names: before the body
    // is read or validated.
    before(c: Context, op: Operation, sandbox: string) {
      assertOneSandbox(c);
      assertAcceptable(headerOf(c, 'accept'));
      const key = headerOf(c, INTEGRATOR_KEY_HEADER);
      if (key === undefined || key === '') {
        throw new FaceError(
          401,
          'integrator-key-missing',
          'Integrator key missing',
          'Every SecurityTrax request carries the X-SecurityTrax-IntegratorKey header.',
          { header: 'X-SecurityTrax-IntegratorKey' },
        );
      }
      if (!isIntegratorKey(stateOf(sandbox), key)) {
        throw new FaceError(
          401,
          'integrator-key-invalid',
          'Integrator key not recognised',
          'This profile does not accept that integrator key (keys are case-sensitive).',
          { header: 'X-SecurityTrax-IntegratorKey' },
        );
      }
      if (op.security.includes('securityTraxToken')) tokens.verify(sandbox, headerOf(c, 'authorization'));
      assertQueryParameters(Object.keys(c.req.queries()), op);
    },
    async readBody(c: Context, op: Operation) {
      const type = headerOf(c, 'content-type');
      const allowed = op.bodyMediaTypes.length ? op.bodyMediaTypes : [JSON_API];
      if (type !== undefined) assertContentType(type, allowed);
      const read = await readJsonBody(c);
      if (read.hasBody && type === undefined) assertContentType(undefined, allowed);
      return read;
    },
    respond: ({ status, body, headers }: OpOutput) =>
      textResponse(body === undefined ? null : JSON.stringify(body), status, JSON_API, headers),
    onError: onJsonApiError((err) =>
      log?.(`unexpected error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`),
    ),
    // The integrator key alone is checked by `before`; a bearer token names the dealer.
    authenticate: (scheme: string, sandbox: string, authorization: string | undefined): Auth | undefined =>
      scheme === 'securityTraxToken'
        ? tokens.verify(sandbox, authorization)
        : scheme === 'securityTraxIntegratorKey'
          ? { kind: 'none' }
          : undefined,
    // Without a JSON:API schema package (an installed trax-sim), answers are checked against the spec only.
    validateDocument: (body: unknown, contentType: string | null) =>
      (documentCheck ??= jsonApiSchemaCheck() ?? (() => []))(body, contentType),
  } satisfies LoadedFace;
}

/** The face's routes, as the spec's operations they answer (create-app.ts checks every operation has one). */
export type SecurityTraxHandlers = ReturnType<typeof securityTraxRoutes>;

// Stage: the request against the spec. The body is read by the face (JSON by default: size, depth and media
// type limits; SOAP envelopes; JSON:API's media type rules), then the parameters the spec declares and the
// body are validated (coerced where the spec says so); the operation's security scheme says who is asking.
// Only what the spec declares is read: a location without any parameter passes as is.
import { requestRefused } from '../request-check.ts';
import { headerOf, readJsonBody } from '../read-request.ts';
import { requestBase } from '../request-base.ts';
import type { Auth } from '../operation.ts';
import type { Validators } from '../validator.ts';
import type { ReadBody } from '../face.ts';
import type { Req, Stage } from './stage.ts';

export type Authenticator = (scheme: string, sandbox: string, authorization: string | undefined) => Auth;

export type ValidateOptions = {
  validators: Validators;
  /** The security schemes no face authenticates itself (HTTP Basic). */
  authenticate: Authenticator;
  /** Read X-Forwarded-Proto / X-Forwarded-Host for the links in answers (behind a trusted proxy only). */
  trustProxy?: boolean;
};

const NONE: Auth = { kind: 'none' };
const NO_BODY = { hasBody: false, body: undefined } as const;
const readJson: ReadBody = (c) => readJsonBody(c);

export const validateStage =
  ({ validators, authenticate, trustProxy }: ValidateOptions): Stage =>
  (op, next) => {
    const has = { path: op.params.some((p) => p.in === 'path'), query: op.params.some((p) => p.in === 'query') };
    const headerNames = op.params.filter((p) => p.in === 'header').map((p) => p.name.toLowerCase());
    const scheme = op.security[0];
    const validated = (r: Req, { hasBody, body }: { hasBody: boolean; body: unknown }) => {
      const { c } = r;
      const sandbox = r.sandbox!;
      const headers: Record<string, string> = {};
      for (const name of headerNames) {
        const value = headerOf(c, name);
        if (value !== undefined) headers[name] = value;
      }
      const parts = {
        path: has.path ? (c.req.param() as Record<string, string>) : {},
        query: has.query ? c.req.query() : {},
        headers,
        body,
        hasBody,
      };
      const { errors, params } = validators.request(op, parts);
      if (errors.length) throw requestRefused(errors);
      const authorization = scheme === undefined ? undefined : headerOf(c, 'authorization');
      const auth =
        scheme === undefined
          ? NONE
          : (r.face?.authenticate?.(scheme, sandbox, authorization) ?? authenticate(scheme, sandbox, authorization));
      const base = requestBase(c, trustProxy);
      r.input = {
        sandbox,
        path: params.path,
        query: params.query,
        headers: params.header,
        body,
        auth,
        base,
        marks: r.marks,
      };
      return next(r);
    };
    return (r) => {
      if (bodyless(r)) return validated(r, NO_BODY);
      return (r.face?.readBody ?? readJson)(r.c, op).then((b) => validated(r, b));
    };
  };

/** A GET or HEAD that declares no body (no Content-Length, no Transfer-Encoding): nothing to read. */
function bodyless({ c }: Req): boolean {
  const method = c.req.method;
  return (
    (method === 'GET' || method === 'HEAD') &&
    headerOf(c, 'content-length') === undefined &&
    headerOf(c, 'transfer-encoding') === undefined
  );
}

// JSON:API v1.1 media-type rules: 415 for a body in another type or with parameters we do not support,
// 406 when the Accept header offers nothing we can answer with.
import { FaceError } from './face-error.ts';

export const JSON_API = 'application/vnd.api+json';

type MediaType = { type: string; params: string[] };

function parse(value: string): MediaType {
  const [type = '', ...params] = value.split(';');
  return {
    type: type.trim().toLowerCase(),
    params: params.map((p) => p.split('=')[0]!.trim().toLowerCase()).filter(Boolean),
  };
}

// `profile` changes nothing we do; `ext` would ask for an extension, and we support none.
const supported = (params: string[]) => params.every((p) => p === 'profile');

/** The Content-Type of a request body: one of `allowed`, and the JSON:API type only with supported parameters. */
export function assertContentType(header: string | undefined, allowed: readonly string[]): void {
  if (header === undefined || header.trim() === '') {
    throw new FaceError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `A request body needs Content-Type: ${JSON_API}.`,
      { header: 'Content-Type' },
    );
  }
  const { type, params } = parse(header);
  if (!allowed.includes(type)) {
    throw new FaceError(
      415,
      'unsupported-media-type',
      'Unsupported media type',
      `Bodies must be ${allowed.join(' or ')}; got ${type || 'nothing'}.`,
      { header: 'Content-Type' },
    );
  }
  if (type === JSON_API && !supported(params)) {
    throw new FaceError(
      415,
      'unsupported-media-type-parameters',
      'Unsupported media type parameters',
      `${JSON_API} is accepted without parameters (or with profile); got ${params.join(', ')}.`,
      { header: 'Content-Type' },
    );
  }
}

/** 406 when Accept names only types we cannot produce, or only JSON:API types with unsupported parameters. */
export function assertAcceptable(header: string | undefined): void {
  if (header === undefined || header.trim() === '') return;
  const offered = header.split(',').map(parse);
  const ok = offered.some(
    ({ type, params }) =>
      type === '*/*' || type === 'application/*' || (type === JSON_API && supported(params.filter((p) => p !== 'q'))),
  );
  if (!ok) {
    throw new FaceError(
      406,
      'not-acceptable',
      'Not acceptable',
      `This API answers ${JSON_API} (without parameters other than profile); Accept offered ${header.slice(0, 200)}.`,
      { header: 'Accept' },
    );
  }
}

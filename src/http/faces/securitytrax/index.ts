// The SecurityTrax face, loaded on its first request: its JSON:API modules (documents, filters, includes,
// the resource registry, ajv's JSON:API schema) cost start-up time the first requests do not need.
import { lazyFace, type Face } from '../../face.ts';
import { SECURITYTRAX } from './description.ts';
import type { SecurityTraxDeps } from './face.ts';

export const securityTraxFace = (deps: SecurityTraxDeps): Face =>
  lazyFace(SECURITYTRAX, () => import('./face.ts').then(({ createSecurityTraxFace }) => createSecurityTraxFace(deps)));

import { readFileSync } from 'node:fs';
import { SPEC_PATH } from '../../openapi-index.ts';
import type { Handlers } from '../../operation.ts';

/** GET /__sim/openapi.yaml: the spec this simulator validates against, as the file says it (read once). */
export function specRoutes(file = SPEC_PATH): Pick<Handlers, 'getOpenApiSpec'> {
  let text: string | undefined;
  return {
    getOpenApiSpec: () => ({
      status: 200,
      body: (text ??= readFileSync(file, 'utf8')),
      headers: { 'content-type': 'application/yaml' },
    }),
  };
}

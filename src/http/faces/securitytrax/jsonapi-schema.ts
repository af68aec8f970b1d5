// Strict response validation checks every JSON:API document this face answers against JSON:API's own JSON
// Schema too, beside the spec: the 1.0 schema the JSON:API project publishes, as the jsonapi-validator
// package ships it (a dev dependency: without it, as in an installed package, there is no such check).
import { createRequire } from 'node:module';
import type { FieldError } from '../../../domain/errors.ts';
import { toFieldErrors } from '../../validator.ts';
import { JSON_API } from './media-types.ts';

const require = createRequire(import.meta.url);

/** Where the published JSON:API schemas are found in node_modules, by the JSON:API version they describe. */
export const JSON_API_SCHEMAS = { '1.0': 'jsonapi-validator/lib/schema.json' } as const;

export type DocumentCheck = (body: unknown, contentType: string | null) => FieldError[];

function resolvable(request: string): string | undefined {
  try {
    return require.resolve(request);
  } catch {
    return undefined;
  }
}

/** The check, compiled on first use; undefined when no JSON:API schema package is installed. */
export function jsonApiSchemaCheck(): DocumentCheck | undefined {
  const files = Object.entries(JSON_API_SCHEMAS).flatMap(([version, request]) => {
    const file = resolvable(request);
    return file ? [{ version, file }] : [];
  });
  if (!files.length) return undefined;
  let validators: { version: string; validate: import('ajv').ValidateFunction }[] | undefined;
  const compile = () => {
    const { default: Ajv } = require('ajv') as typeof import('ajv');
    const formats = require('ajv-formats') as { default?: (ajv: unknown) => void } & ((ajv: unknown) => void);
    // The 1.0 schema is draft-06; ajv 8 reads it once that meta-schema is known.
    const ajv = new Ajv({ allErrors: true, strict: false });
    ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
    (formats.default ?? formats)(ajv);
    return files.map(({ version, file }) => ({ version, validate: ajv.compile(require(file) as object) }));
  };
  return (body, contentType) => {
    if (!contentType?.startsWith(JSON_API)) return [];
    validators ??= compile();
    return validators.flatMap(({ version, validate }) =>
      validate(body)
        ? []
        : toFieldErrors(`/jsonapi-${version}`, validate.errors).map((e) => ({
            ...e,
            message: `${e.message} (JSON:API ${version} schema)`,
          })),
    );
  };
}

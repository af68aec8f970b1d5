import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { FieldError } from '../domain/errors.ts';
import { SPEC_ID, type OpenApiIndex, type Operation, type ParamLocation } from './openapi-index.ts';

// ajv and ajv-formats (CommonJS, slow to load) are required on the first validation, not at start-up:
// a server answers its health checks before it has validated anything.
const require = createRequire(import.meta.url);

type RequestParts = {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
};
type ValidatedParams = Record<ParamLocation, Record<string, unknown>>;
export type Validators = {
  request(op: Operation, parts: RequestParts): { errors: FieldError[]; params: ValidatedParams };
  response(op: Operation, status: number, contentType: string | null, body: unknown): FieldError[];
  /** Against components/schemas/Problem: for problems any operation may answer (400, 404, 422). */
  problem(body: unknown): FieldError[];
  /** Against any schema of the spec, by pointer (a face's error document). */
  schema(pointer: string, body: unknown): FieldError[];
};

function newAjv(coerce: boolean): Ajv2020 {
  const { Ajv2020: Ajv } = require('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  const formats = require('ajv-formats') as { default?: (ajv: Ajv2020) => void } & ((ajv: Ajv2020) => void);
  const addFormats = formats.default ?? formats;
  // validateSchema off: checking the whole spec against the JSON Schema meta-schema costs start-up time per
  // instance, and the spec is linted (npm run lint:spec) instead.
  const ajv = new Ajv({
    allErrors: true,
    strict: false,
    coerceTypes: coerce,
    validateFormats: true,
    validateSchema: false,
  });
  addFormats(ajv);
  // OpenAPI annotation keywords ajv does not know.
  ajv.addVocabulary(['example', 'xml', 'externalDocs', 'discriminator']);
  return ajv;
}

export function toFieldErrors(prefix: string, errors: ErrorObject[] | null | undefined): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  for (const e of errors ?? []) {
    let path = `${prefix}${e.instancePath}`;
    let message = e.message ?? 'is invalid';
    if (e.keyword === 'required') {
      path = `${path}/${(e.params as { missingProperty: string }).missingProperty}`;
      message = 'is required';
    } else if (e.keyword === 'additionalProperties') {
      path = `${path}/${(e.params as { additionalProperty: string }).additionalProperty}`;
      message = 'is not allowed';
    } else if (e.keyword === 'enum') {
      message = `must be one of ${(e.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
    } else if (e.keyword === 'oneOf' || e.keyword === 'if' || e.keyword === 'not') {
      message =
        e.keyword === 'not'
          ? 'has a combination of fields that is not allowed'
          : 'does not match exactly one of the allowed shapes';
    }
    const key = `${path} ${message}`;
    if (seen.has(key)) continue;
    out.push({ path: path || '/', message });
    seen.add(key);
  }
  return out;
}

export function createValidators(index: OpenApiIndex): Validators {
  // Two ajv instances over the whole spec: bodies as sent, parameters (strings) coerced. Made on first use.
  let instances: { ajv: Ajv2020; coercing: Ajv2020 } | undefined;
  const ajvs = () => {
    if (!instances) {
      instances = { ajv: newAjv(false), coercing: newAjv(true) };
      instances.ajv.addSchema(index.doc, SPEC_ID);
      instances.coercing.addSchema(index.doc, SPEC_ID);
    }
    return instances;
  };
  const cache = new Map<string, ValidateFunction>();

  const compile = (key: string, make: () => ValidateFunction): ValidateFunction => {
    let fn = cache.get(key);
    if (!fn) cache.set(key, (fn = make()));
    return fn;
  };
  const byPointer = (pointer: string) => compile(pointer, () => ajvs().ajv.compile({ $ref: `${SPEC_ID}${pointer}` }));

  const paramsValidator = (op: Operation, where: ParamLocation) =>
    compile(`${op.operationId}:${where}`, () => {
      const params = op.params.filter((p) => p.in === where);
      const name = (n: string) => (where === 'header' ? n.toLowerCase() : n);
      return ajvs().coercing.compile({
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [name(p.name), { $ref: `${SPEC_ID}${p.schemaPointer}` }])),
        required: params.filter((p) => p.required).map((p) => name(p.name)),
      });
    });

  return {
    request(op, parts) {
      const errors: FieldError[] = [];
      const params = {
        path: { ...parts.path },
        query: { ...parts.query },
        header: { ...parts.headers },
      } as ValidatedParams;
      for (const where of ['path', 'query', 'header'] as const) {
        // Nothing declared there, or nothing sent and nothing required: the schema passes it as it is.
        if (
          !op.params.some(
            (p) =>
              p.in === where &&
              (p.required || params[where][where === 'header' ? p.name.toLowerCase() : p.name] !== undefined),
          )
        )
          continue;
        const validate = paramsValidator(op, where);
        if (!validate(params[where])) errors.push(...toFieldErrors(`/${where}`, validate.errors));
      }
      if (op.bodyPointer && parts.hasBody) {
        const validate = byPointer(op.bodyPointer);
        if (!validate(parts.body)) errors.push(...toFieldErrors('/body', validate.errors));
      } else if (op.bodyRequired && !parts.hasBody) {
        errors.push({ path: '/body', message: 'is required' });
      } else if (!op.bodyPointer && parts.hasBody) {
        errors.push({ path: '/body', message: 'is not allowed: this operation takes no body' });
      }
      return { errors, params };
    },
    problem(body) {
      const validate = byPointer('#/components/schemas/Problem');
      return validate(body) ? [] : toFieldErrors('/response', validate.errors);
    },
    schema(pointer, body) {
      const validate = byPointer(pointer);
      return validate(body) ? [] : toFieldErrors('/response', validate.errors);
    },
    response(op, status, contentType, body) {
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in op.responses);
      const spec = key === undefined ? undefined : op.responses[key];
      if (spec === undefined)
        return [{ path: '/status', message: `${status} is not a documented response of ${op.operationId}` }];
      if (spec === null)
        return body === null || body === undefined || body === '' ? [] : [{ path: '/body', message: 'must be empty' }];
      const type = (contentType ?? '').split(';')[0]!.trim();
      const pointer = spec[type];
      if (!pointer) return [{ path: '/content-type', message: `${type || 'none'} is not documented for ${status}` }];
      const validate = byPointer(pointer);
      return validate(body) ? [] : toFieldErrors('/response', validate.errors);
    },
  };
}

import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { FieldError } from '../domain/errors.ts';
import { SPEC_ID, type OpenApiIndex, type Operation, type ParamLocation } from './openapi-index.ts';

// ajv-formats is CommonJS; its default export arrives wrapped under ESM.
const addFormats = ((addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule) as unknown as (ajv: Ajv2020) => void;

export type RequestParts = {
  path: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  hasBody: boolean;
};
export type ValidatedParams = Record<ParamLocation, Record<string, unknown>>;
export type Validators = {
  request(op: Operation, parts: RequestParts): { errors: FieldError[]; params: ValidatedParams };
  response(op: Operation, status: number, contentType: string | null, body: unknown): FieldError[];
  /** Against components/schemas/Problem: for problems any operation may answer (400, 404, 422). */
  problem(body: unknown): FieldError[];
};

function newAjv(coerce: boolean): Ajv2020 {
  // validateSchema off: checking the whole spec against the JSON Schema meta-schema costs ~40 ms of start-up
  // per instance, and the spec is linted (npm run lint:spec) instead.
  const ajv = new Ajv2020({ allErrors: true, strict: false, coerceTypes: coerce, validateFormats: true, validateSchema: false });
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
      message = e.keyword === 'not' ? 'has a combination of fields that is not allowed' : 'does not match exactly one of the allowed shapes';
    }
    const key = `${path} ${message}`;
    if (!seen.has(key)) out.push({ path: path || '/', message }), seen.add(key);
  }
  return out;
}

export function createValidators(index: OpenApiIndex): Validators {
  const ajv = newAjv(false);
  const coercing = newAjv(true);
  ajv.addSchema(index.doc, SPEC_ID);
  coercing.addSchema(index.doc, SPEC_ID);
  const cache = new Map<string, ValidateFunction>();

  const compile = (key: string, make: () => ValidateFunction): ValidateFunction => {
    let fn = cache.get(key);
    if (!fn) cache.set(key, (fn = make()));
    return fn;
  };
  const byPointer = (pointer: string) => compile(pointer, () => ajv.compile({ $ref: `${SPEC_ID}${pointer}` }));

  const paramsValidator = (op: Operation, where: ParamLocation) =>
    compile(`${op.operationId}:${where}`, () => {
      const params = op.params.filter((p) => p.in === where);
      const name = (n: string) => (where === 'header' ? n.toLowerCase() : n);
      return coercing.compile({
        type: 'object',
        properties: Object.fromEntries(params.map((p) => [name(p.name), { $ref: `${SPEC_ID}${p.schemaPointer}` }])),
        required: params.filter((p) => p.required).map((p) => name(p.name)),
      });
    });

  return {
    request(op, parts) {
      const errors: FieldError[] = [];
      const params = { path: { ...parts.path }, query: { ...parts.query }, header: { ...parts.headers } } as ValidatedParams;
      for (const where of ['path', 'query', 'header'] as const) {
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
    response(op, status, contentType, body) {
      const key = [String(status), `${String(status)[0]}XX`, 'default'].find((k) => k in op.responses);
      const spec = key === undefined ? undefined : op.responses[key];
      if (spec === undefined) return [{ path: '/status', message: `${status} is not a documented response of ${op.operationId}` }];
      if (spec === null) return body === null || body === undefined || body === '' ? [] : [{ path: '/body', message: 'must be empty' }];
      const type = (contentType ?? '').split(';')[0]!.trim();
      const pointer = spec[type];
      if (!pointer) return [{ path: '/content-type', message: `${type || 'none'} is not documented for ${status}` }];
      const validate = byPointer(pointer);
      return validate(body) ? [] : toFieldErrors('/response', validate.errors);
    },
  };
}

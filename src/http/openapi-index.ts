import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { packageFile } from '../package-files.ts';

export const SPEC_PATH = packageFile('spec', 'openapi.yaml');
export const SPEC_ID = 'openapi.json';

type Json = Record<string, unknown>;
export type ParamLocation = 'path' | 'query' | 'header';
type Param = { name: string; in: ParamLocation; required: boolean; schemaPointer: string };

/** One operation of the spec, with JSON pointers to its schemas (resolved by ajv against the whole doc). */
export type Operation = {
  operationId: string;
  method: string;
  path: string;
  /** Hono route pattern: /customers/{customerId} -> /customers/:customerId */
  honoPath: string;
  params: Param[];
  bodyPointer: string | null;
  bodyRequired: boolean;
  /** status ("200", "4XX", "default") -> content type -> schema pointer (null for no body) */
  responses: Record<string, Record<string, string> | null>;
  security: string[];
  /** The spec tags; the first one names the operation's face (its wire format). */
  tags: string[];
  /** Request media types the spec declares (the first one's schema is bodyPointer). */
  bodyMediaTypes: string[];
  /**
   * False for the operations that never read the request's own sandbox (`x-trax-sim-sandbox: none`: health,
   * the sandbox list, a sandbox named in the path): the pipeline does not load it for them.
   */
  usesSandbox: boolean;
};

export type OpenApiIndex = { doc: Json; operations: Operation[]; byId: Map<string, Operation> };

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const esc = (s: string) => s.replace(/~/g, '~0').replace(/\//g, '~1');

// Parsing the YAML is much of the start-up time; its JSON form parses in a fraction of it (docs/benchmarks.md).
// The parsed spec is cached by content hash, so an edited spec is never served stale.
const NODE_MODULES = packageFile('node_modules');
const CACHE_DIR = existsSync(NODE_MODULES)
  ? path.join(NODE_MODULES, '.cache', 'trax-sim')
  : path.join(tmpdir(), 'trax-sim-cache');

// The build writes the parsed spec into dist/ too: an installed package (maybe read-only) parses no YAML.
const SHIPPED_CACHE_DIR = packageFile('dist');
export const specCacheName = (text: string): string =>
  `openapi-${createHash('sha256').update(text).digest('hex').slice(0, 32)}.json`;

export function loadSpec(file = SPEC_PATH): Json {
  const text = readFileSync(file, 'utf8');
  const cached = path.join(CACHE_DIR, specCacheName(text));
  for (const candidate of [path.join(SHIPPED_CACHE_DIR, specCacheName(text)), cached]) {
    try {
      return JSON.parse(readFileSync(candidate, 'utf8')) as Json;
    } catch {
      /* not cached yet (or unreadable): parse the YAML */
    }
  }
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  const doc = parse(text) as Json;
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const temp = `${cached}.${process.pid}.tmp`;
    writeFileSync(temp, JSON.stringify(doc));
    renameSync(temp, cached);
  } catch {
    /* a read-only install just parses every time */
  }
  return doc;
}

export function resolveRef(doc: Json, pointer: string): Json {
  let node: unknown = doc;
  for (const raw of pointer.replace(/^#\//, '').split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = (node as Json)[key];
  }
  return node as Json;
}

/** Follow $ref hops; returns the pointer of the final object and the object. */
function deref(doc: Json, pointer: string): [string, Json] {
  let obj = resolveRef(doc, pointer);
  while (obj && typeof obj.$ref === 'string') {
    pointer = obj.$ref;
    obj = resolveRef(doc, pointer);
  }
  return [pointer, obj];
}

export function indexSpec(doc: Json): OpenApiIndex {
  const operations: Operation[] = [];
  const paths = (doc.paths ?? {}) as Record<string, Json>;
  const topSecurity = (doc.security as Json[] | undefined) ?? [];
  for (const [path, item] of Object.entries(paths)) {
    for (const method of METHODS) {
      const op = item[method] as Json | undefined;
      if (!op) continue;
      const opPointer = `#/paths/${esc(path)}/${method}`;
      const params: Param[] = [];
      const sources: [string, Json[]][] = [
        [`#/paths/${esc(path)}/parameters`, (item.parameters as Json[] | undefined) ?? []],
        [`${opPointer}/parameters`, (op.parameters as Json[] | undefined) ?? []],
      ];
      for (const [base, list] of sources) {
        list.forEach((_, i) => {
          const [ptr, param] = deref(doc, `${base}/${i}`);
          params.push({
            name: param.name as string,
            in: param.in as ParamLocation,
            required: Boolean(param.required),
            schemaPointer: `${ptr}/schema`,
          });
        });
      }
      let bodyPointer: string | null = null;
      let bodyRequired = false;
      let bodyMediaTypes: string[] = [];
      if (op.requestBody) {
        const [ptr, body] = deref(doc, `${opPointer}/requestBody`);
        bodyRequired = Boolean(body.required);
        bodyMediaTypes = Object.keys((body.content as Json | undefined) ?? {});
        // Every media type of one body describes the same parsed document (SOAP 1.1 and 1.2, say).
        if (bodyMediaTypes[0]) bodyPointer = `${ptr}/content/${esc(bodyMediaTypes[0])}/schema`;
      }
      const responses: Operation['responses'] = {};
      for (const status of Object.keys((op.responses ?? {}) as Json)) {
        const [ptr, res] = deref(doc, `${opPointer}/responses/${esc(status)}`);
        const content = res.content as Json | undefined;
        responses[status] = content
          ? Object.fromEntries(Object.keys(content).map((type) => [type, `${ptr}/content/${esc(type)}/schema`]))
          : null;
      }
      const requirements = (op.security as Json[] | undefined) ?? topSecurity;
      // An empty requirement ({}) makes credentials optional: the admin token is checked by its own guard.
      const security = requirements.some((r) => Object.keys(r).length === 0)
        ? []
        : requirements.flatMap((s) => Object.keys(s));
      operations.push({
        operationId: op.operationId as string,
        method: method.toUpperCase(),
        path,
        honoPath: path.replace(/\{([^}]+)\}/g, ':$1'),
        params,
        bodyPointer,
        bodyRequired,
        responses,
        security,
        tags: (op.tags as string[] | undefined) ?? [],
        bodyMediaTypes,
        usesSandbox: op['x-trax-sim-sandbox'] !== 'none',
      });
    }
  }
  return { doc, operations, byId: new Map(operations.map((o) => [o.operationId, o])) };
}

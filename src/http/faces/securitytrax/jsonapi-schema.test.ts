import { describe, expect, it } from 'vitest';
import { JSON_API_SCHEMAS, jsonApiSchemaCheck } from './jsonapi-schema.ts';

const JSON_API = 'application/vnd.api+json';

// The suite's strict response validation runs this on every JSON:API answer; it must be there to run.
describe("JSON:API's own JSON Schema, from node_modules", () => {
  it('is installed for the tests (the 1.0 schema JSON:API publishes, shipped by jsonapi-validator)', () => {
    expect(Object.keys(JSON_API_SCHEMAS)).toEqual(['1.0']);
    expect(jsonApiSchemaCheck(), 'npm ci installs the dev dependency jsonapi-validator').toBeDefined();
  });

  it('accepts documents as the face writes them and names what breaks the schema', () => {
    const check = jsonApiSchemaCheck()!;
    const resource = { type: 'customers', id: '1', attributes: { fname: 'Jane' }, links: { self: 'http://h/x/1' } };
    expect(check({ data: resource, links: { self: 'http://h/x/1' }, jsonapi: { version: '1.1' } }, JSON_API)).toEqual(
      [],
    );
    expect(check({ errors: [{ status: '400', code: 'x', source: { parameter: 'sort' } }] }, JSON_API)).toEqual([]);
    expect(check({ data: { ...resource, id: 1 } }, JSON_API)).not.toEqual([]);
    expect(check({ data: resource, errors: [] }, JSON_API)).not.toEqual([]);
    expect(check({ errors: [{ status: 400 }] }, JSON_API)).not.toEqual([]);
    expect(check({ data: resource, links: { next: 7 } }, JSON_API)[0]?.message).toMatch(/JSON:API 1\.0 schema/);
  });

  it('leaves answers in other media types alone', () => {
    expect(jsonApiSchemaCheck()!({ type: 'https://trax-sim.dev/problems/x' }, 'application/problem+json')).toEqual([]);
  });
});

// The part of devour-client (plain JavaScript, no type declarations) the client test uses.
declare module 'devour-client' {
  type Attribute = string | number | boolean | null | object | { jsonApi: 'hasOne' | 'hasMany'; type?: string };
  type ModelOptions = { type?: string; collectionPath?: string; readOnly?: string[] };
  export type DevourAnswer<T> = { data: T; meta?: Record<string, unknown>; links?: Record<string, string | null> };
  export default class JsonApi {
    constructor(options: { apiUrl: string; pluralize?: boolean; logger?: boolean });
    headers: Record<string, string>;
    bearer: string | null;
    define(modelName: string, attributes: Record<string, Attribute>, options?: ModelOptions): void;
    find<T>(modelName: string, id: string, params?: Record<string, unknown>): Promise<DevourAnswer<T>>;
    findAll<T>(modelName: string, params?: Record<string, unknown>): Promise<DevourAnswer<T[]>>;
    create<T>(modelName: string, payload: Record<string, unknown>): Promise<DevourAnswer<T>>;
    update<T>(modelName: string, payload: Record<string, unknown>): Promise<DevourAnswer<T>>;
  }
}

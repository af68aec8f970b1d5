// The shape of a registry entry: one per JSON:API resource type, between a domain collection and its wire
// attributes and relationships, with the operations that read it. From the entries come the face's list, get
// and related-list handlers (routes.ts), the 201 of each creating operation (created.ts), filters, sorts,
// includes and error pointers. Adding a field = one line in the type's table (plus spec and domain).
import { byId } from '../../../../domain/by-id.ts';
import type { CollectionKey } from '../../../../domain/collections.ts';
import type { SandboxView } from '../../../../domain/reader.ts';
import type { Collections } from '../../../../domain/types.ts';
import type { OperationId } from '../../../operation.ts';

/** What the face reads of a sandbox: its state, and the store's lookups. */
export type State = SandboxView;

/** How an attribute compares in `filter=` expressions; absent: not filterable. */
export type FilterKind = 'string' | 'date' | 'number' | 'boolean' | 'money';

// Methods rather than function properties: a table of customers is then also a table of `{ id }` entities
// (the registry keeps every type in one map).
export type AttributeSpec<E> = {
  /** Absent for write-only attributes (a password). */
  read?(e: E, s: State): unknown;
  filter?: FilterKind;
  /** The domain input field it writes (slash path), also used to point domain errors back at it. */
  domain?: string;
  /** Wire value -> domain value (e.g. decimal dollars -> cents); `pointer` names it in errors. */
  write?(value: unknown, pointer: string): unknown;
};

export type RelationshipSpec<E> = {
  type: string;
  /** Related id(s): a number or null (to-one), an array (to-many). */
  read(e: E, s: State): number | null | readonly number[];
  /** The domain input field the linkage's id(s) write. */
  domain?: string;
  /** To-many: not filterable as `<name>_id`. */
  many?: true;
};

/**
 * The operations of the spec a type answers without code of its own: GET the collection, GET one, and GET
 * the ones related to a parent (`GET customer_payments/{id}/refunds`: the relationship naming the parent).
 * `create` names its creating POST: its 201 (and Idempotency-Key replay) is rendered from this entry.
 */
export type ResourceOperations = {
  readonly list?: OperationId;
  readonly get?: OperationId;
  readonly related?: readonly { readonly operationId: OperationId; readonly parent: string }[];
  readonly create?: OperationId;
};

/** The entities of a parent: those whose relationship `relationship` links to the entity `id`. */
export type ParentFilter = { relationship: string; id: number };

export type ResourceType<E extends { id: number } = { id: number }> = {
  type: string;
  /** Human name for "not found" details. */
  label: string;
  /** The sandbox's list of these entities (domain/collections.ts). */
  collection: CollectionKey;
  /** Every entity, or a parent's. */
  list(s: State, parent?: ParentFilter): readonly E[];
  find(s: State, id: number): E | undefined;
  attributes: Record<string, AttributeSpec<E>>;
  relationships: Record<string, RelationshipSpec<E>>;
  operations: ResourceOperations;
  /** Domain paths that are not one attribute's `domain` (nested inputs), to wire pointers. */
  pointers?: Record<string, string>;
  /** Custom attributes -> domain input, when one attribute does not map to one field; undefined: per attribute. */
  input?(attributes: Record<string, unknown>): Record<string, unknown> | undefined;
};

type EntityOf<K extends CollectionKey> = NonNullable<Collections[K]>[number];

/** A registry entry: list and find come from its collection (ids ascending, so `find` is a binary search). */
export function defineResource<K extends CollectionKey, const O extends ResourceOperations>(
  entry: Omit<ResourceType<EntityOf<K>>, 'list' | 'find' | 'collection' | 'operations'> & {
    collection: K;
    operations: O;
  },
): ResourceType<EntityOf<K>> & { operations: O } {
  const all = (s: State): readonly EntityOf<K>[] => s[entry.collection] ?? [];
  return {
    ...entry,
    list: (s, parent) => {
      if (!parent) return all(s);
      const rel = relationshipOf(entry, parent.relationship);
      if (!rel) throw new Error(`${entry.type} has no relationship ${parent.relationship}`);
      return all(s).filter((e) => {
        const ids = rel.read(e, s);
        return Array.isArray(ids) ? ids.includes(parent.id) : ids === parent.id;
      });
    },
    find: (s, id) => byId(all(s), id),
  };
}

// A name from a request is looked up among the type's own attributes and relationships only: never
// `constructor`, `toString` or another member every object inherits.
export const attributeOf = <E extends { id: number }>(
  rt: Pick<ResourceType<E>, 'attributes'>,
  name: string,
): AttributeSpec<E> | undefined => (Object.hasOwn(rt.attributes, name) ? rt.attributes[name] : undefined);
export const relationshipOf = <E extends { id: number }>(
  rt: Pick<ResourceType<E>, 'relationships'>,
  name: string,
): RelationshipSpec<E> | undefined => (Object.hasOwn(rt.relationships, name) ? rt.relationships[name] : undefined);

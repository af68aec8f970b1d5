// The shape of a mapping table: one per JSON:API resource type, between a domain entity and its wire
// attributes and relationships. Adding a field = one line in the type's table (plus spec and domain).
import type { SandboxView } from '../../../../domain/reader.ts';

/** What the face reads of a sandbox: its state, and the store's lookups. */
export type State = SandboxView;

/** How an attribute compares in `filter=` expressions; absent: not filterable. */
export type FilterKind = 'string' | 'date' | 'number' | 'boolean' | 'money';

export type AttributeSpec<E> = {
  /** Absent for write-only attributes (a password). */
  read?: (e: E, s: State) => unknown;
  filter?: FilterKind;
  /** The domain input field it writes (slash path), also used to point domain errors back at it. */
  domain?: string;
  /** Wire value -> domain value (e.g. decimal dollars -> cents); `pointer` names it in errors. */
  write?: (value: unknown, pointer: string) => unknown;
};

export type RelationshipSpec<E> = {
  type: string;
  /** Related id(s): a number or null (to-one), an array (to-many). */
  read: (e: E, s: State) => number | null | readonly number[];
  /** The domain input field the linkage's id(s) write. */
  domain?: string;
  /** To-many: not filterable as `<name>_id`. */
  many?: true;
};

export type ResourceType<E extends { id: number } = { id: number }> = {
  type: string;
  /** Human name for "not found" details. */
  label: string;
  list: (s: State) => readonly E[];
  find: (s: State, id: number) => E | undefined;
  attributes: Record<string, AttributeSpec<E>>;
  relationships: Record<string, RelationshipSpec<E>>;
  /** Domain paths that are not one attribute's `domain` (nested inputs), to wire pointers. */
  pointers?: Record<string, string>;
  /** Custom attributes -> domain input, when one attribute does not map to one field; undefined: per attribute. */
  input?: (attributes: Record<string, unknown>) => Record<string, unknown> | undefined;
};

// A name from a request is looked up among the type's own attributes and relationships only: never
// `constructor`, `toString` or another member every object inherits.
export const attributeOf = <E extends { id: number }>(
  rt: ResourceType<E>,
  name: string,
): AttributeSpec<E> | undefined => (Object.hasOwn(rt.attributes, name) ? rt.attributes[name] : undefined);
export const relationshipOf = <E extends { id: number }>(
  rt: ResourceType<E>,
  name: string,
): RelationshipSpec<E> | undefined => (Object.hasOwn(rt.relationships, name) ? rt.relationships[name] : undefined);

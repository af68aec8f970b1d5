// Every list of a sandbox's state, one typed entry each (a missing entry is a compile error): what a new
// sandbox holds and what a snapshot written before the list existed gets. From this table come the lists a
// clone shares and copies on first write (patch.ts), the empty state of a seed (seeds/build-state.ts) and
// the lists a snapshot read from disk is given (store/snapshot.ts). The SecurityTrax face's resources name
// their list here too (http/faces/securitytrax/resources/registry.ts).
import type { Collections } from './types.ts';

export type CollectionKey = keyof Collections;

/**
 * `absent`: the list may be missing, and missing means something (the documented demo integrator key only):
 * neither a new sandbox nor an old snapshot is given one. Otherwise a new sandbox starts with an empty list,
 * and a snapshot written before the list existed gets one.
 */
type CollectionSpec<K extends CollectionKey> = undefined extends Collections[K]
  ? { readonly absent: string }
  : { readonly absent?: never };

export const COLLECTIONS = {
  customers: {},
  isps: {},
  adcCredentials: {},
  logins: {},
  lineItems: {},
  recurringInvoices: {},
  invoices: {},
  billingMethods: {},
  payments: {},
  idempotencyKeys: {},
  integratorKeys: { absent: 'the documented demo key is accepted until the sandbox has keys of its own' },
  personalAccessTokens: { absent: 'no personal access token has been made' },
} as const satisfies { readonly [K in CollectionKey]-?: CollectionSpec<K> };

/** Every list of a state. */
export const COLLECTION_KEYS = Object.keys(COLLECTIONS).filter((k): k is CollectionKey =>
  Object.hasOwn(COLLECTIONS, k),
);

/** The lists every state has (all but those whose absence means something). */
export const REQUIRED_COLLECTIONS = COLLECTION_KEYS.filter((k) => !('absent' in COLLECTIONS[k]));

type Required = { [K in CollectionKey as undefined extends Collections[K] ? never : K]: Collections[K] };

/** A new sandbox's lists: each required one empty. */
export function emptyCollections(): Required {
  return {
    customers: [],
    isps: [],
    adcCredentials: [],
    logins: [],
    lineItems: [],
    recurringInvoices: [],
    invoices: [],
    billingMethods: [],
    payments: [],
    idempotencyKeys: [],
  } satisfies { [K in keyof Required]: [] };
}

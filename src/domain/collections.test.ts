import { describe, expect, it } from 'vitest';
import { emptyState } from '../seeds/build-state.ts';
import { COLLECTION_KEYS, COLLECTIONS, REQUIRED_COLLECTIONS, emptyCollections } from './collections.ts';

describe('the collections of a sandbox', () => {
  it('are every list a state has; a new state has each required one, empty, and none whose absence means something', () => {
    const { events: _timeline, ...state } = emptyState('s', { kind: 'empty' }, '2019-01-01T00:00:00.000Z');
    const lists = Object.keys(state).filter((k) => Array.isArray(state[k as keyof typeof state]));
    expect(lists.sort()).toEqual([...REQUIRED_COLLECTIONS].sort());
    expect(COLLECTION_KEYS).toEqual(Object.keys(COLLECTIONS));
    expect(COLLECTION_KEYS.filter((k) => !REQUIRED_COLLECTIONS.includes(k))).toEqual([
      'integratorKeys',
      'personalAccessTokens',
    ]);
    expect(Object.keys(emptyCollections()).sort()).toEqual([...REQUIRED_COLLECTIONS].sort());
    expect(Object.values(emptyCollections()).every((l) => l.length === 0)).toBe(true);
  });
});

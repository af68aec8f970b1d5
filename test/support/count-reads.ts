// Counts the work a SecurityTrax answer does: every relationship read of every resource type (resolving
// `include` and rendering), through spies the test's afterEach restores (vi.restoreAllMocks).
import { vi } from 'vitest';
import { RESOURCE_TYPES } from '../../src/http/faces/securitytrax/resources/registry.ts';

export function countReads(): { reads: number } {
  const counter = { reads: 0 };
  for (const rt of RESOURCE_TYPES.values())
    for (const rel of Object.values(rt.relationships)) {
      const read = rel.read;
      vi.spyOn(rel, 'read').mockImplementation((e, s) => {
        counter.reads++;
        return read(e, s);
      });
    }
  return counter;
}

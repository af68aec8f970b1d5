// Finding an entity by id in a sandbox's list: lists are in id order (ids only grow), so a binary search
// finds it without scanning or changing anything.

/**
 * Position of the entity with this id, or -1. An id past the last one is new; hand-built lists that are not
 * in order fall back to a scan.
 */
export function positionOfId(list: readonly { id: number }[], id: number): number {
  const last = list[list.length - 1];
  if (!last || id > last.id) return -1;
  let lo = 0;
  let hi = list.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const midId = (list[mid] as { id: number }).id;
    if (midId === id) return mid;
    if (midId < id) lo = mid + 1;
    else hi = mid - 1;
  }
  return list.findIndex((e) => e.id === id);
}

/** The entity with this id. */
export function byId<T extends { id: number }>(list: readonly T[], id: number): T | undefined {
  const at = positionOfId(list, id);
  return at === -1 ? undefined : list[at];
}

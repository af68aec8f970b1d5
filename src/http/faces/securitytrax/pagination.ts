// Page-based pagination: page[number] (from 1) and page[size], with links and meta.
export const DEFAULT_PAGE_SIZE = 100;

export type Page<T> = {
  items: T[];
  links: { self: string; first: string; last: string; prev: string | null; next: string | null };
  meta: { total_count: number; page_number: number; page_size: number; page_count: number };
};

/** `query` is the validated query (page[number], page[size], filter, include); `path` the list's URL path. */
export function paginate<T>(all: readonly T[], query: Record<string, unknown>, path: string): Page<T> {
  const number = (query['page[number]'] as number | undefined) ?? 1;
  const size = (query['page[size]'] as number | undefined) ?? DEFAULT_PAGE_SIZE;
  const count = Math.max(1, Math.ceil(all.length / size));
  const url = (n: number) => {
    const params = new URLSearchParams();
    for (const key of ['filter', 'include'] as const)
      if (typeof query[key] === 'string') params.set(key, query[key] as string);
    params.set('page[number]', String(n));
    params.set('page[size]', String(size));
    return `${path}?${params.toString()}`;
  };
  return {
    items: all.slice((number - 1) * size, number * size),
    links: {
      self: url(number),
      first: url(1),
      last: url(count),
      prev: number > 1 ? url(Math.min(number - 1, count)) : null,
      next: number < count ? url(number + 1) : null,
    },
    meta: { total_count: all.length, page_number: number, page_size: size, page_count: count },
  };
}

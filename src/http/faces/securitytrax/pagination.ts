// Page-based pagination: page[number] (from 1) and page[size], with links and meta.
const DEFAULT_PAGE_SIZE = 100;

export type Page<T> = {
  items: T[];
  /** `prev`/`next` are left out when there is no such page (JSON:API: omitted or null; its 1.0 schema takes only omitted). */
  links: { self: string; first: string; last: string; prev?: string; next?: string };
  meta: { total_count: number; page_number: number; page_size: number; page_count: number };
};

/** The query parameters a page link keeps (the list's filter, sort, include and fieldsets), in a stable order. */
const KEPT = (name: string) => name === 'filter' || name === 'sort' || name === 'include' || name.startsWith('fields[');

/** `query` is the validated query (page[number], page[size], filter, sort, include, fields[T]); `url` the list's absolute URL. */
export function paginate<T>(all: readonly T[], query: Record<string, unknown>, url: string): Page<T> {
  const number = (query['page[number]'] as number | undefined) ?? 1;
  const size = (query['page[size]'] as number | undefined) ?? DEFAULT_PAGE_SIZE;
  const count = Math.max(1, Math.ceil(all.length / size));
  const kept = Object.keys(query)
    .filter((name) => KEPT(name) && typeof query[name] === 'string')
    .sort();
  const link = (n: number) => {
    const params = new URLSearchParams();
    for (const name of kept) params.set(name, query[name] as string);
    params.set('page[number]', String(n));
    params.set('page[size]', String(size));
    return `${url}?${params.toString()}`;
  };
  return {
    items: all.slice((number - 1) * size, number * size),
    links: {
      self: link(number),
      first: link(1),
      last: link(count),
      ...(number > 1 ? { prev: link(Math.min(number - 1, count)) } : {}),
      ...(number < count ? { next: link(number + 1) } : {}),
    },
    meta: { total_count: all.length, page_number: number, page_size: size, page_count: count },
  };
}

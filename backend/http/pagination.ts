import type { Context } from 'hono'

/**
 * Lists stay plain JSON arrays; the page is described by headers:
 * `X-Total-Count` and an RFC 8288 `Link: <…>; rel="next"` while more remain.
 */
export function paginated<T>(c: Context, items: T[], page: { limit: number; offset: number; total: number }) {
  c.header('X-Total-Count', String(page.total))
  if (page.offset + items.length < page.total) {
    const url = new URL(c.req.url)
    url.searchParams.set('offset', String(page.offset + page.limit))
    url.searchParams.set('limit', String(page.limit))
    c.header('Link', `<${url.pathname}${url.search}>; rel="next"`)
  }
  return c.json(items)
}

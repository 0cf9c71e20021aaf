import type { Context } from 'hono'

interface Page {
  limit: number
  offset: number
  total: number
}

/**
 * Lists stay plain JSON arrays; the page is described by headers:
 * `X-Total-Count` and an RFC 8288 `Link: <…>; rel="next"` while more remain.
 */
export function paginated<T>(c: Context, items: T[], page: Page) {
  pageHeaders(c, items.length, page)
  return c.json(items)
}

/** The same for a page the database wrote as a JSON array itself, of `count` items (a list of bookings: issue 18). */
export function paginatedJson(c: Context, json: string, count: number, page: Page) {
  pageHeaders(c, count, page)
  return c.body(json, 200, { 'Content-Type': 'application/json' })
}

function pageHeaders(c: Context, count: number, page: Page) {
  c.header('X-Total-Count', String(page.total))
  if (page.offset + count < page.total) {
    const url = new URL(c.req.url)
    url.searchParams.set('offset', String(page.offset + page.limit))
    url.searchParams.set('limit', String(page.limit))
    c.header('Link', `<${url.pathname}${url.search}>; rel="next"`)
  }
}

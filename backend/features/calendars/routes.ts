import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { hubsHeldByOperator } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { readQuery } from '../../http/validation.ts'
import { labFeedCache } from './feed-cache.ts'
import { type FeedTarget, feedTokenIsValid } from './feed-tokens.ts'
import { feedOwnerName } from './queries.ts'
import { buildFeed, type Feed } from './service.ts'

const ICS = {
  description: 'The feed (RFC 5545), with an ETag.',
  contentType: 'text/calendar',
  headers: { ETag: 'Changes whenever the feed does.' },
}

const FeedQuery = z.object({ token: z.string().max(200).optional() })
const FEED_FILE = /^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\.ics$/i

/** The id in `<uuid>.ics`; anything else is an unknown feed. */
function feedId(c: Context<AppEnv>, what: 'lab' | 'team' | 'operator' | 'calendarFeed'): string {
  const match = FEED_FILE.exec(c.req.param('file') ?? '')
  if (!match) throw problems.notFound(what)
  return match[1].toLowerCase()
}

/** Whether Accept-Encoding takes gzip (`gzip`, `x-gzip` or `*`, with a q above 0). */
function acceptsGzip(header: string | undefined): boolean {
  return (header ?? '').split(',').some((part) => {
    const [coding, ...params] = part.split(';').map((p) => p.trim().toLowerCase())
    const q = params.find((p) => p.startsWith('q='))
    return (coding === 'gzip' || coding === 'x-gzip' || coding === '*') && (q === undefined || Number(q.slice(2)) > 0)
  })
}

/**
 * text/calendar with an ETag; a matching If-None-Match gets 304 and no body. A feed kept with a gzipped copy
 * (a lab's) is sent gzipped to clients that take it, under its own ETag (another representation, RFC 9110
 * §8.8.3); either ETag answers 304.
 */
function calendarResponse(c: Context<AppEnv>, feed: Feed, filename: string, visibility: 'public' | 'private') {
  const gzipped = feed.gzip !== undefined && acceptsGzip(c.req.header('accept-encoding')) ? feed.gzip : undefined
  const gzipEtag = `${feed.etag.slice(0, -1)}-gzip"`
  c.header('ETag', gzipped ? gzipEtag : feed.etag)
  c.header('Cache-Control', `${visibility}, max-age=300, must-revalidate`)
  c.header('Vary', 'Accept-Encoding')
  const ifNoneMatch = c.req.header('if-none-match')
  const current = (t: string) => t === '*' || t === feed.etag || t === gzipEtag
  // `*` matches any current representation (RFC 9110 §13.1.2): the feed always has one.
  if (ifNoneMatch?.split(',').some((t) => current(t.trim().replace(/^W\//, '')))) return c.body(null, 304)
  c.header('Content-Type', 'text/calendar; charset=utf-8')
  c.header('Content-Disposition', `inline; filename="${filename}"`)
  if (!gzipped) return c.body(feed.body)
  c.header('Content-Encoding', 'gzip')
  return c.body(gzipped)
}

/** The iCalendar feeds of a lab (public), a team and an operator (by token); their URLs are in url-routes.ts. */
export function calendarsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()
  const labFeed = labFeedCache(db)

  /** A valid token or a 404 that tells nothing more (forged, old and missing tokens look the same). */
  async function requireToken(c: Context<AppEnv>, subject: FeedTarget) {
    const { token } = readQuery(c, FeedQuery)
    if (!token || !(await feedTokenIsValid(db, subject, token))) throw problems.notFound('calendarFeed')
  }

  app.get(
    '/calendars/labs/:file',
    doc({
      tag: 'Calendars',
      summary: 'A lab’s iCalendar feed, `<labId>.ics` (public: times only, no titles or teams)',
      responses: { 200: ICS, 304: { description: 'Not modified (If-None-Match matches the ETag, or is *).' } },
      problems: ['not_found'],
    }),
    async (c) => {
      const id = feedId(c, 'lab')
      const feed = await labFeed(id)
      if (feed === undefined) throw problems.notFound('lab')
      return calendarResponse(c, feed, `lab-${id}.ics`, 'public')
    },
  )

  app.get(
    '/calendars/teams/:file',
    doc({
      tag: 'Calendars',
      summary: 'A team’s iCalendar feed, `<teamId>.ics?token=` (the person’s own token, from /teams/{id}/calendar-url)',
      query: FeedQuery,
      responses: { 200: ICS, 304: { description: 'Not modified.' } },
      problems: ['not_found'],
    }),
    async (c) => {
      const id = feedId(c, 'calendarFeed')
      await requireToken(c, { kind: 'team', id })
      const name = await feedOwnerName(db, 'team', id)
      if (name === undefined) throw problems.notFound('calendarFeed')
      return calendarResponse(c, await buildFeed(db, name, { teamId: id }, false), `team-${id}.ics`, 'private')
    },
  )

  app.get(
    '/calendars/operators/:file',
    doc({
      tag: 'Calendars',
      summary: 'An operator’s iCalendar feed of its hubs, `<operatorId>.ics?token=`',
      query: FeedQuery,
      responses: { 200: ICS, 304: { description: 'Not modified.' } },
      problems: ['not_found'],
    }),
    async (c) => {
      const id = feedId(c, 'calendarFeed')
      await requireToken(c, { kind: 'operator', id })
      const name = await feedOwnerName(db, 'operator', id)
      if (name === undefined) throw problems.notFound('calendarFeed')
      const hubIds = await hubsHeldByOperator(db, id)
      return calendarResponse(c, await buildFeed(db, name, { hubIds }, false), `operator-${id}.ics`, 'private')
    },
  )

  return app
}

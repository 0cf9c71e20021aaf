import { type Context, Hono } from 'hono'
import { z } from 'zod'
import { mayReadOperatorFeed, mayReadTeamFeed, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { readId } from '../../http/validation.ts'
import { currentFeedToken, rotateFeedToken } from './feed-tokens.ts'
import { feedOwnerName } from './queries.ts'

const FeedUrl = z.object({ url: z.string().describe('The feed’s address, with its token.') })

/** The personal URLs of a team's feed (its members, admins) and the URL of an operator's (its staff, admins). */
export function calendarUrlRoutes(deps: Deps) {
  const { db, config } = deps
  const app = new Hono<AppEnv>()

  const feedUrl = (kind: 'teams' | 'operators', id: string, token: string) =>
    `${config.publicUrl}/api/v1/calendars/${kind}/${id}.ics?token=${encodeURIComponent(token)}`

  /** Members of the team and admins (each gets its own URL); anyone else is told the team does not exist. */
  async function assertTeamFeedAccess(c: Context<AppEnv>, teamId: string) {
    const user = requireUser(c)
    if ((await feedOwnerName(db, 'team', teamId)) === undefined) throw problems.notFound('team')
    if (!(await mayReadTeamFeed(db, user, teamId))) throw problems.notFound('team')
    return user
  }

  /** The operator's own staff and admins. */
  async function assertOperatorFeedAccess(c: Context<AppEnv>, operatorId: string) {
    const user = requireUser(c)
    if ((await feedOwnerName(db, 'operator', operatorId)) === undefined) throw problems.notFound('operator')
    if (!mayReadOperatorFeed(user, operatorId)) throw problems.notFound('operator')
  }

  app.get(
    '/teams/:id/calendar-url',
    doc({
      tag: 'Calendars',
      summary: 'The caller’s personal URL of the team’s feed (members, admins)',
      responses: { 200: FeedUrl },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const id = readId(c, 'id', 'team')
      const user = await assertTeamFeedAccess(c, id)
      return c.json({ url: feedUrl('teams', id, await currentFeedToken(db, { kind: 'team', id, userId: user.id })) })
    },
  )

  app.post(
    '/teams/:id/calendar-url/rotate',
    doc({
      tag: 'Calendars',
      summary: 'Replace the caller’s URL of the team’s feed (the old one stops working)',
      responses: { 200: FeedUrl },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const id = readId(c, 'id', 'team')
      const user = await assertTeamFeedAccess(c, id)
      return c.json({ url: feedUrl('teams', id, await rotateFeedToken(db, { kind: 'team', id, userId: user.id })) })
    },
  )

  app.get(
    '/operators/:id/calendar-url',
    doc({
      tag: 'Calendars',
      summary: 'The URL of the operator’s feed (its staff, admins)',
      responses: { 200: FeedUrl },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const id = readId(c, 'id', 'operator')
      await assertOperatorFeedAccess(c, id)
      return c.json({ url: feedUrl('operators', id, await currentFeedToken(db, { kind: 'operator', id })) })
    },
  )

  app.post(
    '/operators/:id/calendar-url/rotate',
    doc({
      tag: 'Calendars',
      summary: 'Replace the URL of the operator’s feed',
      responses: { 200: FeedUrl },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const id = readId(c, 'id', 'operator')
      await assertOperatorFeedAccess(c, id)
      return c.json({ url: feedUrl('operators', id, await rotateFeedToken(db, { kind: 'operator', id })) })
    },
  )

  return app
}

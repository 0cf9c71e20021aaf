import { Hono } from 'hono'
import { z } from 'zod'
import { isAdmin, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { inviteToTeam } from './invitations.ts'
import { InvitedView, MemberBody, TeamMemberView } from './schemas.ts'
import { addMember, assertCanManageMembers, listMembers, removeMember } from './service.ts'

/** A team's members: list, add (an admin) or invite (a member), remove. */
export function teamMemberRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/teams/:id/members',
    doc({
      tag: 'Teams',
      summary: 'A team’s members',
      responses: { 200: z.array(TeamMemberView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await listMembers(db, user, readId(c, 'id', 'team')))
    },
  )

  app.post(
    '/teams/:id/members',
    doc({
      tag: 'Teams',
      summary:
        'Invite someone to the team (a member: 202, the same whatever the email); an admin adds directly (201, or 200 when already there)',
      body: MemberBody,
      responses: {
        202: InvitedView,
        201: TeamMemberView,
        200: TeamMemberView,
      },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict', 'too_many_requests'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const body = await readBody(c, MemberBody)
      if (!isAdmin(user)) {
        // A member invites: the same 202 whatever the email, and the person joins only by accepting.
        await assertCanManageMembers(db, user, id)
        return c.json(await inviteToTeam(db, deps.config.publicUrl, user, id, body.email), 202)
      }
      const { member, created } = await addMember(db, user, id, body)
      return c.json(member, created ? 201 : 200)
    },
  )

  app.delete(
    '/teams/:id/members/:userId',
    doc({
      tag: 'Teams',
      summary: 'Remove a member from a team',
      responses: { 204: { description: 'Removed' } },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const userId = readId(c, 'userId', 'teamMember')
      await removeMember(db, user, id, userId)
      return c.body(null, 204)
    },
  )

  return app
}

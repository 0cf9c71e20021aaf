import { Hono } from 'hono'
import { z } from 'zod'
import { isAdmin, requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { paginated } from '../../http/pagination.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { passwordAllowed } from '../auth/password-policy.ts'
import { startSession } from '../auth/session-cookie.ts'
import { acceptInvitation, inviteToTeam, lookupInvitation, pendingInvitations, revokeInvitation } from './invitations.ts'
import {
  AcceptBody,
  Accepted,
  InvitationLookup,
  InvitationToken,
  InvitationView,
  MemberBody,
  TeamBody,
  TeamMemberView,
  TeamPatch,
  TeamsQuery,
  TeamView,
} from './schemas.ts'
import {
  addMember,
  assertCanManageMembers,
  createTeam,
  getTeam,
  listMembers,
  listVisibleTeams,
  removeMember,
  updateTeam,
} from './service.ts'

/** Project teams and their members. Grants live in the grants feature (`/teams/:id/grants`). */
export function teamsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/teams',
    doc({
      tag: 'Teams',
      summary: 'The teams one may see (admin: all; staff: those booking their hubs; members: their own)',
      query: TeamsQuery,
      responses: { 200: z.array(TeamView) },
      problems: ['unauthorized'],
    }),
    async (c) => {
      const user = requireUser(c)
      const q = readQuery(c, TeamsQuery)
      const { teams, total } = await listVisibleTeams(db, user, q)
      return paginated(c, teams, { ...q, total })
    },
  )

  app.post(
    '/teams',
    doc({
      tag: 'Teams',
      summary: 'Register a team (admin)',
      body: TeamBody,
      responses: { 201: TeamView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const user = requireRole(c, 'admin')
      const body = await readBody(c, TeamBody)
      return c.json(await createTeam(db, user, body), 201)
    },
  )

  app.get(
    '/teams/:id',
    doc({ tag: 'Teams', summary: 'A team one may see', responses: { 200: TeamView }, problems: ['unauthorized', 'not_found'] }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await getTeam(db, user, readId(c, 'id', 'team')))
    },
  )

  app.patch(
    '/teams/:id',
    doc({
      tag: 'Teams',
      summary: 'Change a team (admin, or its members)',
      body: TeamPatch,
      responses: { 200: TeamView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const body = await readBody(c, TeamPatch)
      return c.json(await updateTeam(db, user, id, body))
    },
  )

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
        202: z.object({ status: z.literal('invited'), email: z.string(), expiresAt: z.string() }),
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

  app.get(
    '/teams/:id/invitations',
    doc({
      tag: 'Teams',
      summary: 'Pending invitations of the team (its members and the Comune)',
      responses: { 200: z.array(InvitationView) },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      await assertCanManageMembers(db, user, id)
      return c.json(await pendingInvitations(db, id))
    },
  )

  app.delete(
    '/teams/:id/invitations/:invitationId',
    doc({
      tag: 'Teams',
      summary: 'Revoke a pending invitation: its link stops working',
      responses: { 204: { description: 'Revoked' } },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      const id = readId(c, 'id', 'team')
      const invitationId = readId(c, 'invitationId', 'invitation')
      await assertCanManageMembers(db, user, id)
      await revokeInvitation(db, user, id, invitationId)
      return c.body(null, 204)
    },
  )

  app.post(
    '/invitations/lookup',
    doc({
      tag: 'Teams',
      summary: 'What an invitation link is for (the team, the invited email, whether it has an account)',
      body: InvitationToken,
      responses: { 200: InvitationLookup },
      problems: ['not_found'],
    }),
    async (c) => {
      const { token } = await readBody(c, InvitationToken)
      return c.json(await lookupInvitation(db, token))
    },
  )

  app.post(
    '/invitations/accept',
    doc({
      tag: 'Teams',
      summary: 'Accept an invitation: signed in with the invited email, or signing up with it (name needed)',
      body: AcceptBody,
      responses: { 200: Accepted },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const body = await readBody(c, AcceptBody)
      const user = c.get('user') ?? null
      const accepted = await acceptInvitation(db, user, body.token, body.name)
      // Signing up through the link signs the person in, where the Comune lets members use sign-in links.
      const signIn = !user && passwordAllowed(deps.config.passwordPolicy, 'member')
      if (signIn) await startSession(c, deps, accepted.userId)
      return c.json({ teamId: accepted.teamId, teamName: accepted.teamName, signedIn: !!user || signIn })
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

import { Hono } from 'hono'
import { z } from 'zod'
import { requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId } from '../../http/validation.ts'
import { passwordAllowed } from '../auth/password-policy.ts'
import { startSession } from '../auth/session-cookie.ts'
import { acceptInvitation, lookupInvitation, pendingInvitations, revokeInvitation } from './invitations.ts'
import { AcceptBody, Accepted, InvitationLookup, InvitationToken, InvitationView } from './schemas.ts'
import { assertCanManageMembers } from './service.ts'

/** Invitations to a team: the pending ones (list, revoke), and the link's page (look up, accept). */
export function teamInvitationRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

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

  return app
}

import { z } from 'zod'
import { email, optionalText, paginationQuery, text } from '../../http/validation.ts'

export const legalStatus = z.enum(['informal', 'association', 'cooperative', 'social_enterprise', 'other'])

export const TeamBody = z.object({
  name: text(200),
  legalStatus,
  contactEmail: email,
  callReference: optionalText(200),
})
export type TeamInput = z.output<typeof TeamBody>

export const TeamPatch = z.object({
  name: text(200).optional(),
  legalStatus: legalStatus.optional(),
  contactEmail: email.optional(),
  callReference: optionalText(200),
})
export type TeamPatchInput = z.output<typeof TeamPatch>

export const TeamsQuery = z.object({
  q: z.string().trim().max(200).optional(),
  legalStatus: legalStatus.optional(),
  callReference: z.string().trim().max(200).optional(),
  ...paginationQuery,
})
export type TeamsFilter = z.output<typeof TeamsQuery>

/** `name` is used only by the Comune creating an account; a member's invitation stores nothing but the email. */
export const MemberBody = z.object({ email, name: text(200).optional() })
export type MemberInput = z.output<typeof MemberBody>

/** `POST /teams/:id/members` by a member: an invitation was sent (202). */
export const InvitedView = z.object({ status: z.literal('invited'), email: z.string(), expiresAt: z.string() })

export const InvitationView = z.object({
  id: z.string(),
  email: z.string(),
  createdAt: z.string(),
  expiresAt: z.string(),
  invitedBy: z.string().nullable(),
})

export const InvitationToken = z.object({ token: z.string().min(1).max(200) })
export const InvitationLookup = z.object({
  teamId: z.string(),
  teamName: z.string(),
  email: z.string(),
  expiresAt: z.string(),
  hasAccount: z.boolean(),
})
export const AcceptBody = z.object({ token: z.string().min(1).max(200), name: text(200).optional() })
export const Accepted = z.object({ teamId: z.string(), teamName: z.string(), signedIn: z.boolean() })

/** A team as the API answers it. */
export const TeamView = z.object({
  id: z.string(),
  name: z.string(),
  legalStatus,
  contactEmail: z.string(),
  callReference: z.string().nullable(),
})

/** A member of a team as the API answers it. */
export const TeamMemberView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(['admin', 'operator', 'member', 'evaluator']),
})

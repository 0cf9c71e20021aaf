import { z } from 'zod'
import { fieldMessage } from '../../http/i18n.ts'
import { email, paginationQuery, text } from '../../http/validation.ts'
import { m } from './messages.ts'

const role = z.enum(['admin', 'operator', 'member', 'evaluator'])
const locale = z.enum(['it', 'en'])
export const password = z.string().min(10, fieldMessage(m.passwordLength)).max(200)

export const CreateUserBody = z
  .object({
    email,
    name: text(200),
    role,
    password: password.optional(),
    operatorId: z.uuid().optional(),
    teamIds: z.array(z.uuid()).max(50).default([]),
    locale: locale.default('it'),
  })
  .refine((b) => b.role !== 'operator' || b.operatorId, { path: ['operatorId'], message: fieldMessage(m.operatorRequired) })
  .refine((b) => b.role === 'operator' || !b.operatorId, { path: ['operatorId'], message: fieldMessage(m.operatorOnlyForOperators) })
  .refine((b) => b.role === 'member' || b.teamIds.length === 0, { path: ['teamIds'], message: fieldMessage(m.teamsOnlyForMembers) })
export type CreateUserInput = z.output<typeof CreateUserBody>

/** What an admin may change about an account; the result is checked as a whole in the service. */
export const UpdateUserBody = z.object({
  name: text(200).optional(),
  role: role.optional(),
  operatorId: z.uuid().nullable().optional(),
  teamIds: z.array(z.uuid()).max(50).optional(),
  disabled: z.boolean().optional(),
  locale: locale.optional(),
  /** A new password (the person's sessions end); `null` removes it, leaving the sign-in link. */
  password: password.nullable().optional(),
})
export type UpdateUserInput = z.output<typeof UpdateUserBody>

export const UsersQuery = z.object({
  role: role.optional(),
  q: z.string().trim().max(200).optional(),
  ...paginationQuery,
})
export type UsersFilter = z.output<typeof UsersQuery>

/**
 * What anyone may change about itself. The privileged fields are named so that trying them is a
 * clear 403, never silently ignored: a member can never raise its own role.
 */
export const UpdateMeBody = z
  .object({
    name: text(200).optional(),
    locale: locale.optional(),
    role: z.unknown().optional(),
    operatorId: z.unknown().optional(),
    teamIds: z.unknown().optional(),
    disabled: z.unknown().optional(),
    email: z.unknown().optional(),
  })
  .strict()
export type UpdateMeInput = z.output<typeof UpdateMeBody>

/** Changing one's own password: the current one is needed when there is one. */
export const ChangePasswordBody = z.object({
  currentPassword: z.string().max(200).optional(),
  newPassword: password,
})
export type ChangePasswordInput = z.output<typeof ChangePasswordBody>

/** An account as the API answers it (never the password); the codice fiscale only to itself and to admins. */
export const UserView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role,
  fiscalCode: z.string().nullable(),
  locale,
  operatorId: z.string().nullable(),
  teamIds: z.array(z.string()),
  teams: z.array(z.object({ id: z.string(), name: z.string() })),
  disabled: z.boolean(),
})

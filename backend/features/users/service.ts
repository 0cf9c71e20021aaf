import type { Kysely, Transaction } from 'kysely'
import type { Database, Role, User } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { isAdmin } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { type FieldError, problems } from '../../http/problem.ts'
import { clearAccountFailures, recordFailure, retryAfterSeconds, throttleKeys } from '../auth/login-limits.ts'
import { hashPassword, verifyPassword } from '../auth/passwords.ts'
import { toUser, type UserView } from './mappers.ts'
import { m } from './messages.ts'
import { findUser, listUsers, setMemberships, teamsOfUsers } from './queries.ts'
import type { ChangePasswordInput, CreateUserInput, UpdateMeInput, UpdateUserInput, UsersFilter } from './schemas.ts'

type Db = Kysely<Database> | Transaction<Database>

async function view(db: Db, user: User): Promise<UserView> {
  const teams = await teamsOfUsers(db, [user.id])
  return toUser(
    user,
    teams.map((t) => ({ id: t.id, name: t.name })),
  )
}

export async function getUserView(db: Db, id: string): Promise<UserView> {
  const user = await findUser(db, id)
  if (!user) throw problems.notFound('user')
  return view(db, user)
}

function assertAdmin(actor: SessionUser) {
  if (!isAdmin(actor)) throw problems.forbidden(m.onlyComune())
}

export async function listUserViews(db: Kysely<Database>, actor: SessionUser, filter: UsersFilter) {
  assertAdmin(actor)
  const { rows, total } = await listUsers(db, filter)
  const teams = await teamsOfUsers(
    db,
    rows.map((r) => r.id),
  )
  const users = rows.map((r) =>
    toUser(
      r,
      teams.filter((t) => t.user_id === r.id).map((t) => ({ id: t.id, name: t.name })),
    ),
  )
  return { users, total }
}

/** Field errors for references that do not exist. */
async function unknownReferences(db: Db, operatorId: string | null | undefined, teamIds: string[] | undefined): Promise<FieldError[]> {
  const errors: FieldError[] = []
  if (operatorId && !(await db.selectFrom('operators').select('id').where('id', '=', operatorId).executeTakeFirst())) {
    errors.push({ path: 'operatorId', message: field.unknownOperator() })
  }
  if (teamIds?.length) {
    const found = await db.selectFrom('teams').select('id').where('id', 'in', teamIds).execute()
    if (found.length !== new Set(teamIds).size) errors.push({ path: 'teamIds', message: field.unknownTeam() })
  }
  return errors
}

export async function createUser(db: Kysely<Database>, actor: SessionUser, input: CreateUserInput): Promise<UserView> {
  assertAdmin(actor)
  const passwordHash = input.password ? await hashPassword(input.password) : null
  return db.transaction().execute(async (trx) => {
    if (await trx.selectFrom('users').select('id').where('email', '=', input.email).executeTakeFirst()) {
      throw problems.conflict(m.emailTaken(), { errors: [{ path: 'email', message: m.alreadyRegistered() }] })
    }
    const errors = await unknownReferences(trx, input.operatorId, input.teamIds)
    if (errors.length) throw problems.validation(errors)
    const user = await trx
      .insertInto('users')
      .values({
        email: input.email,
        name: input.name,
        role: input.role,
        password_hash: passwordHash,
        operator_id: input.operatorId ?? null,
        locale: input.locale,
      })
      .returningAll()
      .executeTakeFirstOrThrow()
    await setMemberships(trx, user.id, [...new Set(input.teamIds)])
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'user.created',
      entity: 'user',
      entityId: user.id,
      details: { role: input.role },
    })
    return view(trx, user)
  })
}

/** An admin changes an account; the resulting role, operator and teams must fit together. */
export async function updateUser(db: Kysely<Database>, actor: SessionUser, id: string, patch: UpdateUserInput): Promise<UserView> {
  assertAdmin(actor)
  const current = await findUser(db, id)
  if (!current) throw problems.notFound('user')
  if (id === actor.id && ((patch.role !== undefined && patch.role !== 'admin') || patch.disabled === true)) {
    throw problems.conflict(m.keepOwnAdmin())
  }
  const role: Role = patch.role ?? current.role
  // Leaving the operator role drops the operator; leaving the member role drops the teams.
  const operatorId = patch.operatorId !== undefined ? patch.operatorId : role === 'operator' ? current.operator_id : null
  const errors: FieldError[] = []
  if (role === 'operator' && !operatorId) errors.push({ path: 'operatorId', message: m.operatorRequired() })
  if (role !== 'operator' && operatorId) errors.push({ path: 'operatorId', message: m.operatorOnlyForOperators() })
  if (role !== 'member' && patch.teamIds?.length) errors.push({ path: 'teamIds', message: m.teamsOnlyForMembers() })
  if (errors.length) throw problems.validation(errors)

  return db.transaction().execute(async (trx) => {
    const missing = await unknownReferences(trx, operatorId, patch.teamIds)
    if (missing.length) throw problems.validation(missing)
    const disabledAt = patch.disabled === undefined ? current.disabled_at : patch.disabled ? (current.disabled_at ?? new Date()) : null
    const passwordHash = patch.password === undefined ? current.password_hash : patch.password && (await hashPassword(patch.password))
    const user = await trx
      .updateTable('users')
      .set({
        name: patch.name ?? current.name,
        role,
        operator_id: operatorId,
        locale: patch.locale ?? current.locale,
        disabled_at: disabledAt,
        password_hash: passwordHash,
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    if (patch.teamIds !== undefined) await setMemberships(trx, id, [...new Set(patch.teamIds)])
    else if (role !== 'member') await setMemberships(trx, id, [])
    // A disabled account, or one whose password the Comune reset, is signed out everywhere at once.
    if (disabledAt || patch.password !== undefined) await trx.deleteFrom('sessions').where('user_id', '=', id).execute()
    if (patch.password !== undefined) {
      await trx.updateTable('magic_links').set({ used_at: new Date() }).where('user_id', '=', id).where('used_at', 'is', null).execute()
    }
    const { password: newPassword, ...audited } = patch
    await recordAudit(trx, {
      actorUserId: actor.id,
      action: 'user.updated',
      entity: 'user',
      entityId: id,
      details: { ...audited, ...(newPassword !== undefined && { password: newPassword ? 'set' : 'removed' }), previousRole: current.role },
    })
    return view(trx, user)
  })
}

/** Anyone changes its own name and language; nothing that grants rights. */
export async function updateMe(db: Kysely<Database>, me: SessionUser, input: UpdateMeInput): Promise<UserView> {
  const privileged = (['role', 'operatorId', 'teamIds', 'disabled', 'email'] as const).filter((k) => input[k] !== undefined)
  if (privileged.length) {
    throw problems.forbidden(m.ownPrivileged({ fields: privileged.join(', ') }))
  }
  const set = {
    ...(input.name !== undefined && { name: input.name }),
    ...(input.locale !== undefined && { locale: input.locale }),
  }
  if (Object.keys(set).length > 0) await db.updateTable('users').set(set).where('id', '=', me.id).execute()
  return getUserView(db, me.id)
}

/**
 * Anyone sets its own password. With a password already set, the current one must be given (a stolen
 * session alone cannot take the account over); an account that signs in by link sets its first one.
 * The other sessions of the account end.
 */
/**
 * A wrong current password counts as a failed sign-in of the account and of the client's address: a stolen
 * session must not become a way round the sign-in limits (login-limits.ts).
 */
export async function changeOwnPassword(
  db: Kysely<Database>,
  me: SessionUser,
  sessionTokenHash: string,
  input: ChangePasswordInput,
  clientAddress: string,
) {
  const user = await findUser(db, me.id)
  if (!user) throw problems.unauthorized()
  if (user.password_hash) {
    const keys = throttleKeys(user.email, clientAddress)
    const wait = await retryAfterSeconds(db, keys)
    if (wait > 0) throw problems.tooManyRequests(wait)
    if (!(input.currentPassword && (await verifyPassword(input.currentPassword, user.password_hash)))) {
      await recordFailure(db, keys)
      throw problems.forbidden(m.wrongCurrentPassword())
    }
    await clearAccountFailures(db, keys)
  }
  const passwordHash = await hashPassword(input.newPassword)
  await db.transaction().execute(async (trx) => {
    await trx.updateTable('users').set({ password_hash: passwordHash }).where('id', '=', me.id).execute()
    await trx.deleteFrom('sessions').where('user_id', '=', me.id).where('token_hash', '!=', sessionTokenHash).execute()
    // A sign-in link asked for before the change must not open the account afterwards.
    await trx.updateTable('magic_links').set({ used_at: new Date() }).where('user_id', '=', me.id).where('used_at', 'is', null).execute()
    await recordAudit(trx, { actorUserId: me.id, action: 'user.password_changed', entity: 'user', entityId: me.id })
  })
}

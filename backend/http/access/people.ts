import type { Context } from 'hono'
import type { Role } from '../../../db/schema.ts'
import type { AppEnv, SessionUser } from '../context.ts'
import { problems } from '../problem.ts'

/** Who is signed in: 401 for nobody. */
export function requireUser(c: Context<AppEnv>): SessionUser {
  const user = c.get('user')
  if (!user) throw problems.unauthorized()
  return user
}

/** 403 unless the signed-in user has one of the roles. */
export function requireRole(c: Context<AppEnv>, ...roles: Role[]): SessionUser {
  const user = requireUser(c)
  if (!roles.includes(user.role)) throw problems.forbidden()
  return user
}

/** The Comune's staff. */
export function isAdmin(user: SessionUser | null): boolean {
  return user?.role === 'admin'
}

/** The Comune's staff or an operator's. Evaluators and members are not staff. */
export function isStaff(user: SessionUser | null): boolean {
  return user?.role === 'admin' || user?.role === 'operator'
}

/** A person's account: the Comune and the person itself; to anyone else it does not exist (404). */
export function seesAccount(actor: SessionUser, userId: string): boolean {
  return isAdmin(actor) || actor.id === userId
}

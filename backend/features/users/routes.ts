import { Hono } from 'hono'
import { z } from 'zod'
import { recordAudit } from '../../audit.ts'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { paginated } from '../../http/pagination.ts'
import { problems } from '../../http/problem.ts'
import { email, paginationQuery, readBody, readQuery, text } from '../../http/validation.ts'
import { hashPassword } from '../auth/passwords.ts'

const CreateUserBody = z
  .object({
    email,
    name: text(200),
    role: z.enum(['admin', 'operator', 'member']),
    password: z.string().min(10, 'at least 10 characters').max(200).optional(),
    operatorId: z.uuid().optional(),
    teamIds: z.array(z.uuid()).max(50).default([]),
    locale: z.enum(['it', 'en']).default('it'),
  })
  .refine((b) => b.role !== 'operator' || b.operatorId, { path: ['operatorId'], message: 'required for operators' })
  .refine((b) => b.role === 'operator' || !b.operatorId, { path: ['operatorId'], message: 'only operators belong to an operator' })

const UsersQuery = z.object({
  role: z.enum(['admin', 'operator', 'member']).optional(),
  q: z.string().max(200).optional(),
  ...paginationQuery,
})

// A member may change only these about itself: never its role.
const UpdateMeBody = z.object({ name: text(200).optional(), locale: z.enum(['it', 'en']).optional() }).strict()

export function usersRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  async function userView(userId: string) {
    const user = await db.selectFrom('users').selectAll().where('id', '=', userId).executeTakeFirstOrThrow()
    const teams = await db
      .selectFrom('team_members')
      .innerJoin('teams', 'teams.id', 'team_members.team_id')
      .select(['teams.id', 'teams.name'])
      .where('team_members.user_id', '=', userId)
      .orderBy('teams.name')
      .execute()
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      locale: user.locale,
      operatorId: user.operator_id,
      teamIds: teams.map((t) => t.id),
      teams,
    }
  }

  app.get('/me', async (c) => c.json({ user: await userView(requireUser(c).id) }))

  app.patch('/me', async (c) => {
    const me = requireUser(c)
    const body = await readBody(c, UpdateMeBody)
    if (body.name !== undefined || body.locale !== undefined) {
      await db.updateTable('users').set(body).where('id', '=', me.id).execute()
    }
    return c.json({ user: await userView(me.id) })
  })

  app.get('/users', async (c) => {
    requireRole(c, 'admin')
    const q = readQuery(c, UsersQuery)
    let query = db.selectFrom('users')
    if (q.role) query = query.where('role', '=', q.role)
    if (q.q) query = query.where((eb) => eb.or([eb('email', 'ilike', `%${q.q}%`), eb('name', 'ilike', `%${q.q}%`)]))
    const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
    const rows = await query.select('id').orderBy('email').limit(q.limit).offset(q.offset).execute()
    return paginated(c, await Promise.all(rows.map((r) => userView(r.id))), { ...q, total: Number(total) })
  })

  app.post('/users', async (c) => {
    const admin = requireRole(c, 'admin')
    const body = await readBody(c, CreateUserBody)
    const passwordHash = body.password ? await hashPassword(body.password) : null
    const id = await db.transaction().execute(async (trx) => {
      if (await trx.selectFrom('users').select('id').where('email', '=', body.email).executeTakeFirst()) {
        throw problems.conflict('A user with this email already exists.')
      }
      if (body.operatorId && !(await trx.selectFrom('operators').select('id').where('id', '=', body.operatorId).executeTakeFirst())) {
        throw problems.validation([{ path: 'operatorId', message: 'unknown operator' }])
      }
      const teams = body.teamIds.length ? await trx.selectFrom('teams').select('id').where('id', 'in', body.teamIds).execute() : []
      if (teams.length !== new Set(body.teamIds).size) throw problems.validation([{ path: 'teamIds', message: 'unknown team' }])
      const user = await trx
        .insertInto('users')
        .values({
          email: body.email,
          name: body.name,
          role: body.role,
          password_hash: passwordHash,
          operator_id: body.operatorId ?? null,
          locale: body.locale,
        })
        .returning('id')
        .executeTakeFirstOrThrow()
      if (teams.length)
        await trx
          .insertInto('team_members')
          .values(teams.map((t) => ({ team_id: t.id, user_id: user.id })))
          .execute()
      await recordAudit(trx, {
        actorUserId: admin.id,
        action: 'user.created',
        entity: 'user',
        entityId: user.id,
        details: { role: body.role },
      })
      return user.id
    })
    return c.json(await userView(id), 201)
  })

  return app
}

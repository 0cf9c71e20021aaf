import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { escapeLike } from '../teams/queries.ts'
import type { UsersFilter } from './schemas.ts'

type Db = Kysely<Database> | Transaction<Database>

export function findUser(db: Db, id: string) {
  return db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst()
}

export function teamsOfUsers(db: Db, userIds: string[]) {
  if (userIds.length === 0) return Promise.resolve([])
  return db
    .selectFrom('team_members')
    .innerJoin('teams', 'teams.id', 'team_members.team_id')
    .select(['team_members.user_id', 'teams.id', 'teams.name'])
    .where('team_members.user_id', 'in', userIds)
    .orderBy('teams.name')
    .execute()
}

export async function listUsers(db: Db, filter: UsersFilter) {
  let query = db.selectFrom('users')
  if (filter.role) query = query.where('role', '=', filter.role)
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`
    // The codice fiscale is stored upper case: a search typed in lower case finds it too.
    query = query.where((eb) =>
      eb.or([eb('email', 'ilike', like), eb('name', 'ilike', like), eb('fiscal_code', 'like', like.toUpperCase())]),
    )
  }
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await query.selectAll().orderBy('email').limit(filter.limit).offset(filter.offset).execute()
  return { rows, total: Number(total) }
}

/** Replaces the user's memberships with exactly `teamIds`. */
export async function setMemberships(trx: Transaction<Database>, userId: string, teamIds: string[]) {
  await trx.deleteFrom('team_members').where('user_id', '=', userId).execute()
  if (teamIds.length === 0) return
  await trx
    .insertInto('team_members')
    .values(teamIds.map((team_id) => ({ team_id, user_id: userId })))
    .execute()
}

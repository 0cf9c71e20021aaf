import { type Kysely, sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { TeamsFilter } from './schemas.ts'

type Db = Kysely<Database> | Transaction<Database>

export function findTeam(db: Db, id: string) {
  return db.selectFrom('teams').selectAll().where('id', '=', id).executeTakeFirst()
}

/** Teams matching the filter; `onlyIds` restricts them to the caller's own teams. */
export async function listTeams(db: Db, filter: TeamsFilter, onlyIds: string[] | 'all') {
  if (onlyIds !== 'all' && onlyIds.length === 0) return { rows: [], total: 0 }
  let query = db.selectFrom('teams')
  if (onlyIds !== 'all') query = query.where('id', 'in', onlyIds)
  if (filter.q) query = query.where('name', 'ilike', `%${escapeLike(filter.q)}%`)
  if (filter.legalStatus) query = query.where('legal_status', '=', filter.legalStatus)
  if (filter.callReference) query = query.where('call_reference', '=', filter.callReference)
  const { total } = await query.select((eb) => eb.fn.countAll<number>().as('total')).executeTakeFirstOrThrow()
  const rows = await query.selectAll().orderBy('name').orderBy('id').limit(filter.limit).offset(filter.offset).execute()
  return { rows, total: Number(total) }
}

export function membersOf(db: Db, teamId: string) {
  return db
    .selectFrom('team_members')
    .innerJoin('users', 'users.id', 'team_members.user_id')
    .select(['users.id', 'users.email', 'users.name', 'users.role'])
    .where('team_members.team_id', '=', teamId)
    .orderBy('users.name')
    .orderBy('users.id')
    .execute()
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (ch) => `\\${ch}`)
}

/**
 * A team, with its contact address and the active account that has it (its emails' language), and whether
 * the actor belongs to it: the query (a new booking reads it inside a larger statement) and its row as used.
 */
export function teamWithContactQuery(db: Db, teamId: string, actorId: string) {
  return db
    .selectFrom('teams as t')
    .leftJoin('users as u', (join) => join.on(sql<boolean>`u.email = lower(trim(t.contact_email))`).on('u.disabled_at', 'is', null))
    .select([
      't.id',
      't.name',
      't.contact_email',
      'u.id as user_id',
      'u.email as user_email',
      'u.name as user_name',
      'u.locale as user_locale',
      (eb) =>
        eb
          .exists(
            eb.selectFrom('team_members as m').select('m.user_id').whereRef('m.team_id', '=', 't.id').where('m.user_id', '=', actorId),
          )
          .as('actor_is_member'),
    ])
    .where('t.id', '=', teamId)
}

type TeamWithContactRow = Awaited<ReturnType<ReturnType<typeof teamWithContactQuery>['executeTakeFirstOrThrow']>>

export function toTeamWithContact(row: TeamWithContactRow) {
  const contact =
    row.user_id && row.user_email && row.user_locale
      ? { id: row.user_id, email: row.user_email, name: row.user_name, locale: row.user_locale }
      : null
  return { id: row.id, name: row.name, contact_email: row.contact_email, contact, actorIsMember: row.actor_is_member }
}

export type TeamWithContact = ReturnType<typeof toTeamWithContact>

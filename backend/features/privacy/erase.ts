import { type Kysely, sql } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { problems } from '../../http/problem.ts'
import { m } from './messages.ts'

/**
 * Columns of `users` that identify a person besides name and email (the codice fiscale of SPID/CIE sign-in,
 * whichever name a feature gives it): cleared when they exist.
 */
const IDENTIFYING_COLUMNS = ['fiscal_code', 'codice_fiscale', 'tax_code']

export const ERASED_NAME = 'Persona cancellata'

/**
 * Erases a person (GDPR art. 17): the account keeps its id, so that the bookings it made stay counted in the
 * statistics, but name, email and codice fiscale are gone and it can never sign in again (no password,
 * disabled, every session and sign-in link revoked, team memberships ended). Their email is also struck
 * from the queued and sent messages and from the audit details; what they did stays in the audit trail,
 * under the anonymous account. One transaction.
 */
export async function erasePerson(db: Kysely<Database>, actorId: string, userId: string): Promise<{ id: string; erasedAt: string }> {
  if (actorId === userId) throw problems.conflict(m.notOwnErasure())
  return db.transaction().execute(async (trx) => {
    const user = await trx.selectFrom('users').select(['id', 'email']).where('id', '=', userId).forUpdate().executeTakeFirst()
    if (!user) throw problems.notFound('user')
    const erasedAt = new Date()
    const placeholder = `cancellato-${user.id}@invalid`
    const extra = await sql<{ column_name: string }>`select column_name from information_schema.columns
      where table_schema = current_schema() and table_name = 'users' and column_name = any(${IDENTIFYING_COLUMNS})`.execute(trx)
    const cleared = extra.rows.map((row) => row.column_name)
    await sql`update users set ${sql.join([
      sql`name = ${ERASED_NAME}`,
      sql`email = ${placeholder}`,
      sql`password_hash = null`,
      sql`locale = 'it'`,
      sql`disabled_at = coalesce(disabled_at, ${erasedAt})`,
      ...cleared.map((column) => sql`${sql.ref(column)} = null`),
    ])} where id = ${user.id}`.execute(trx)
    await trx.deleteFrom('sessions').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('magic_links').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('team_members').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('idempotency_keys').where('user_id', '=', user.id).execute()
    await trx.deleteFrom('login_failures').where('key', '=', `email:${user.email}`).execute()
    await trx
      .updateTable('outbox')
      .set({
        recipient: placeholder,
        subject: '',
        html: '',
        text: '',
        attachments: '[]',
        render: null,
        status: sql<'cancelled'>`case when status = 'pending' then 'cancelled' else status end`,
      })
      .where('recipient', '=', user.email)
      .execute()
    await sql`update audit_log set details = replace(details::text, ${user.email}, ${placeholder})::jsonb
      where strpos(details::text, ${user.email}) > 0`.execute(trx)
    await recordAudit(trx, { actorUserId: actorId, action: 'user.erased', entity: 'user', entityId: user.id })
    return { id: user.id, erasedAt: erasedAt.toISOString() }
  })
}

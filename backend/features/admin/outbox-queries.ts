import type { Kysely, Selectable } from 'kysely'
import type { Database, OutboxTable } from '../../../db/schema.ts'

export type OutboxRow = Selectable<OutboxTable>

export interface OutboxFilter {
  status?: OutboxRow['status']
  kind?: string
  recipient?: string
  limit: number
  offset: number
}

function filtered(db: Kysely<Database>, f: OutboxFilter) {
  let q = db.selectFrom('outbox')
  if (f.status) q = q.where('status', '=', f.status)
  if (f.kind) q = q.where('kind', '=', f.kind)
  if (f.recipient) q = q.where('recipient', '=', f.recipient)
  return q
}

export function listOutbox(db: Kysely<Database>, f: OutboxFilter): Promise<OutboxRow[]> {
  return filtered(db, f).selectAll().orderBy('created_at', 'desc').orderBy('id').limit(f.limit).offset(f.offset).execute()
}

export async function countOutbox(db: Kysely<Database>, f: OutboxFilter): Promise<number> {
  const row = await filtered(db, f)
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow()
  return Number(row.n)
}

/**
 * Puts a sent, failed or cancelled message back in the queue as new: due now, attempts and the 24 h window
 * start again. A pending one is left alone (a worker may hold it; its attempt number fences its outcome).
 */
export function requeueMessage(db: Kysely<Database>, id: string): Promise<OutboxRow | undefined> {
  return db
    .updateTable('outbox')
    .set({ status: 'pending', attempts: 0, first_attempt_at: null, next_attempt_at: new Date(), last_error: null, sent_at: null })
    .where('id', '=', id)
    .where('status', '<>', 'pending')
    .returningAll()
    .executeTakeFirst()
}

export async function outboxMessageExists(db: Kysely<Database>, id: string): Promise<boolean> {
  return !!(await db.selectFrom('outbox').select('id').where('id', '=', id).executeTakeFirst())
}

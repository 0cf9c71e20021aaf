import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.ts'

export interface AuditEntry {
  actorUserId: string | null
  action: string
  entity: string
  entityId?: string | null
  details?: Record<string, unknown>
}

/** Who changed what, when; written in the same transaction as the change. */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, entry: AuditEntry | AuditEntry[]): Promise<void> {
  const entries = Array.isArray(entry) ? entry : [entry]
  if (entries.length === 0) return
  await db
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        actor_user_id: e.actorUserId,
        action: e.action,
        entity: e.entity,
        entity_id: e.entityId ?? null,
        details: JSON.stringify(e.details ?? {}),
      })),
    )
    .execute()
}

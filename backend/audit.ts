import type { Insertable, Kysely, Transaction } from 'kysely'
import type { AuditLogTable, Database } from '../db/schema.ts'

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
  await db.insertInto('audit_log').values(entries.map(auditRow)).execute()
}

/** The audit_log row of an entry, for a caller that writes it within another statement (a CTE of its INSERT). */
export function auditRow(e: AuditEntry): Insertable<AuditLogTable> {
  return {
    actor_user_id: e.actorUserId,
    action: e.action,
    entity: e.entity,
    entity_id: e.entityId ?? null,
    details: JSON.stringify(e.details ?? {}),
  }
}

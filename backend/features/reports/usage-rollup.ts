import { sql, type Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'

/**
 * Rewrites the usage roll-up (migrations 0400–0402, 0540, 0588) of one hub's labs from their bookings. The roll-up's days
 * are the hub's local days, so a hub that changes time zone needs it; the triggers keep it otherwise (and the
 * triggers on usage_rollup keep its sets of teams, migration 0561, through this rewrite too).
 */
export async function rebuildHubUsage(trx: Transaction<Database>, hubId: string): Promise<void> {
  const labs = sql`(select id from labs where hub_id = ${hubId})`
  for (const table of ['usage_rollup', 'usage_rollup_totals', 'usage_rollup_categories', 'usage_rollup_week_hours'] as const) {
    await sql`delete from ${sql.table(table)} where lab_id in ${labs}`.execute(trx)
  }
  await sql`
    select usage_rollup_apply(array(
      select b from bookings b where b.lab_id in ${labs} and b.status in ('confirmed', 'completed', 'no_show')
    ), 1)
  `.execute(trx)
}

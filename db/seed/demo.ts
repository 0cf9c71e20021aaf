import type { Kysely } from 'kysely'
import { hashPassword } from '../../backend/features/auth/passwords.ts'
import type { Database } from '../schema.ts'

export const DEMO_PASSWORD = 'spazi-demo'

/** Seeds the demo data when the database has no hub yet. Returns true when it seeded. */
export async function seedDemoIfEmpty(db: Kysely<Database>): Promise<boolean> {
  const any = await db.selectFrom('hubs').select('id').limit(1).executeTakeFirst()
  if (any) return false
  await db.transaction().execute(async (trx) => {
    const passwordHash = await hashPassword(DEMO_PASSWORD)
    await trx
      .insertInto('users')
      .values({ email: 'admin@spazicomuni.demo', name: 'Comune di Milano', role: 'admin', password_hash: passwordHash, operator_id: null })
      .execute()
  })
  return true
}

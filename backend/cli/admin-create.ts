/**
 * `npm run admin:create -- --email E --name "N"`: creates (or promotes) an administrator on the configured
 * database and prints a one-time sign-in link valid 24 hours. It never sets nor prints a password.
 * On the embedded engine a running server is asked over its control channel (backend/control/channel.ts);
 * otherwise the database is opened (and migrated, so that it also works before the first start).
 */
import { parseArgs } from 'node:util'
import { connectDatabase, migrateToLatest } from '../../db/connect.ts'
import { loadConfig } from '../config.ts'
import { askServer } from '../control/channel.ts'
import { ADMIN_LINK_HOURS, type AdminBootstrap, createOrPromoteAdmin } from '../features/users/admin-bootstrap.ts'
import { AdminInput } from './admin-input.ts'
import { pgliteDir } from './paths.ts'

function fail(message: string): never {
  console.error(`admin:create: ${message}`)
  console.error('usage: npm run admin:create -- --email name@example.org --name "First Last"')
  process.exit(2)
}

async function main() {
  let args: { email?: string; name?: string }
  try {
    args = parseArgs({ options: { email: { type: 'string' }, name: { type: 'string' } }, strict: true }).values
  } catch (err) {
    fail((err as Error).message)
  }
  const parsed = AdminInput.safeParse(args)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    fail(issue.path[0] === 'email' && args.email !== undefined ? `--email ${JSON.stringify(args.email)} ${issue.message}` : issue.message)
  }
  const input = parsed.data
  const config = loadConfig()

  let result: AdminBootstrap | undefined
  if (!config.databaseUrl) {
    const reply = await askServer(config.dataDir, { command: 'admin-create', ...input })
    if (reply) result = reply.fields as unknown as AdminBootstrap
  }
  if (!result) {
    const handle = await connectDatabase({ databaseUrl: config.databaseUrl, pgliteDataDir: pgliteDir(config) })
    try {
      await migrateToLatest(handle.db)
      result = await createOrPromoteAdmin(handle.db, input, config.publicUrl)
    } finally {
      await handle.close()
    }
  }
  console.log(`${result.created ? 'Created' : 'Promoted'} the administrator ${input.email} (id ${result.userId}).`)
  console.log(`One-time sign-in link, valid ${ADMIN_LINK_HOURS} hours:`)
  console.log(result.link)
}

main().catch((err) => {
  console.error(`admin:create: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})

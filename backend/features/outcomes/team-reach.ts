import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../../db/schema.ts'
import type { Recipient } from '../../outbox/recipients.ts'

/** The team's contact address and its members with an active account, once each, each in their language. */
export async function teamRecipients(
  trx: Transaction<Database> | Kysely<Database>,
  teamId: string,
): Promise<{ teamName: string; recipients: Recipient[] }> {
  const team = await trx.selectFrom('teams').select(['name', 'contact_email']).where('id', '=', teamId).executeTakeFirstOrThrow()
  const members = await trx
    .selectFrom('team_members as m')
    .innerJoin('users as u', 'u.id', 'm.user_id')
    .select(['u.email', 'u.name', 'u.locale'])
    .where('m.team_id', '=', teamId)
    .where('u.disabled_at', 'is', null)
    .execute()
  const out = new Map<string, Recipient>()
  const contact = team.contact_email.trim().toLowerCase()
  const account = members.find((m) => m.email.toLowerCase() === contact)
  if (contact) out.set(contact, { email: contact, name: account?.name ?? team.name, locale: account?.locale ?? 'it' })
  for (const m of members) {
    const key = m.email.toLowerCase()
    if (!out.has(key)) out.set(key, { email: key, name: m.name, locale: m.locale })
  }
  return { teamName: team.name, recipients: [...out.values()] }
}

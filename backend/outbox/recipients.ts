import { type Kysely, sql } from 'kysely'
import type { Database } from '../../db/schema.ts'
import type { Locale } from '../../emails/format.ts'
import type { BookingGroup } from './booking-groups.ts'

export interface Recipient {
  email: string
  name: string | null
  locale: Locale
}

/** An active account that may receive a booking's emails. */
export interface RecipientUser {
  id: string
  email: string
  name: string | null
  locale: Locale
}

/**
 * Who hears about a booking: the team's contact address and the person who booked (plus any extra users,
 * e.g. who joined the waiting list), once each, each in their language; an address without an account
 * reads Italian. `known`: the active accounts among them, when the caller already has them.
 */
export async function bookingRecipients(
  trx: Kysely<Database>,
  group: BookingGroup,
  extraUserIds: string[] = [],
  known?: RecipientUser[],
): Promise<Recipient[]> {
  const userIds = [group.createdBy, ...extraUserIds].filter((id): id is string => !!id)
  const contact = group.team?.contactEmail.trim().toLowerCase() || null
  const users = known ?? (await activeAccounts(trx, userIds, contact))
  const byEmail = new Map(users.map((u) => [u.email.toLowerCase(), u]))
  const out = new Map<string, Recipient>()
  if (contact) {
    const account = byEmail.get(contact)
    out.set(contact, { email: contact, name: account?.name ?? group.team?.name ?? null, locale: account?.locale ?? 'it' })
  }
  for (const id of userIds) {
    const u = users.find((x) => x.id === id)
    if (u && !out.has(u.email.toLowerCase())) out.set(u.email.toLowerCase(), { email: u.email, name: u.name, locale: u.locale })
  }
  return [...out.values()]
}

function activeAccounts(trx: Kysely<Database>, userIds: string[], contact: string | null): Promise<RecipientUser[]> {
  return trx
    .selectFrom('users')
    .select(['id', 'email', 'name', 'locale'])
    .where('disabled_at', 'is', null)
    .where((eb) => {
      const ors = []
      if (userIds.length) ors.push(eb('id', '=', sql<string>`any(${userIds}::uuid[])`))
      if (contact) ors.push(eb('email', '=', contact))
      return ors.length ? eb.or(ors) : eb.val(false)
    })
    .execute()
}

/** The hub's operator staff: users of every operator holding a concession of the hub in force today. */
export async function hubApprovers(trx: Kysely<Database>, hubId: string): Promise<Recipient[]> {
  const rows = await trx
    .selectFrom('users as u')
    .select(['u.email', 'u.name', 'u.locale'])
    .where('u.role', '=', 'operator')
    .where('u.disabled_at', 'is', null)
    .where('u.operator_id', 'in', (eb) =>
      eb
        .selectFrom('concessions as c')
        .innerJoin('hubs as h', 'h.id', 'c.hub_id')
        .select('c.operator_id')
        .where('c.hub_id', '=', hubId)
        .where('c.status', '=', 'active')
        .where(sql<boolean>`(now() at time zone h.timezone)::date between c.start_date and c.end_date`),
    )
    .orderBy('u.email')
    .execute()
  return rows.map((r) => ({ email: r.email, name: r.name, locale: r.locale }))
}

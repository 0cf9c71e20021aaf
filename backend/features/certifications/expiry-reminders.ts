import { type Kysely, sql } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../../db/schema.ts'
import { renderCertificateExpiryEmail } from '../../../emails/certificate-expiry.ts'
import { enqueue, type NewMessage } from '../../outbox/enqueue.ts'
import { outboxSettings } from '../../outbox/settings.ts'
import { DEFAULT_ZONE } from '../../time.ts'

/** Days before the expiry when the team hears of it: the 30-day notice covers 30..8 days, the 7-day one 7..0. */
const NOTICES = [
  { days: 30, after: 7 },
  { days: 7, after: -1 },
] as const

/**
 * Writes the reminders of certificates about to lapse that the team's future bookings depend on (live bookings
 * after `now` whose lab type or equipment needs the kind), unless the team already holds a later one. One
 * message per certificate, notice and recipient (the team's contact and the holder's account), by dedupe key:
 * running it again, from any process, writes nothing twice; a notice missed while the worker was down goes out
 * late rather than never.
 */
export async function writeCertificateReminders(db: Kysely<Database>, now: Date): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: DEFAULT_ZONE }).startOf('day')
  let written = 0
  for (const notice of NOTICES) {
    const from = today.plus({ days: notice.after + 1 }).toISODate()!
    const to = today.plus({ days: notice.days }).toISODate()!
    const { rows } = await sql<{
      id: string
      kind_name: string
      person_name: string
      expires_on: string
      team_name: string
      contact_email: string
      contact_name: string | null
      contact_locale: 'it' | 'en' | null
      holder_email: string | null
      holder_name: string | null
      holder_locale: 'it' | 'en' | null
      bookings: number
    }>`
      select c.id, k.name as kind_name, c.person_name, c.expires_on::text as expires_on, t.name as team_name,
             lower(trim(t.contact_email)) as contact_email, cu.name as contact_name, cu.locale as contact_locale,
             hu.email as holder_email, hu.name as holder_name, hu.locale as holder_locale, n.bookings
      from certifications c
      join certification_kinds k on k.id = c.kind_id
      join teams t on t.id = c.team_id
      left join users cu on cu.email = lower(trim(t.contact_email)) and cu.disabled_at is null
      left join users hu on hu.id = c.user_id and hu.disabled_at is null
      cross join lateral (
        select count(distinct b.id)::int as bookings
        from bookings b
        join labs l on l.id = b.lab_id
        left join equipment_allocations a on a.booking_id = b.id and a.released_at is null
        left join equipment_assets e on e.id = a.asset_id
        where b.team_id = c.team_id and b.status in ('pending', 'confirmed') and lower(b.during) >= ${now.toISOString()}::timestamptz
          and (l.type = any(k.lab_types) or e.type_id = any(k.equipment_type_ids))
      ) n
      where c.expires_on between ${from}::date and ${to}::date
        and n.bookings > 0
        and not exists (
          select 1 from certifications r
          where r.team_id = c.team_id and r.kind_id = c.kind_id and r.id <> c.id and (r.expires_on is null or r.expires_on > c.expires_on)
        )
    `.execute(db)
    const messages: NewMessage[] = rows.flatMap((r) => {
      const recipients = new Map<string, { email: string; name: string | null; locale: 'it' | 'en' }>()
      recipients.set(r.contact_email, { email: r.contact_email, name: r.contact_name ?? r.team_name, locale: r.contact_locale ?? 'it' })
      if (r.holder_email && !recipients.has(r.holder_email.toLowerCase())) {
        recipients.set(r.holder_email.toLowerCase(), { email: r.holder_email, name: r.holder_name, locale: r.holder_locale ?? 'it' })
      }
      const daysLeft = Math.round(DateTime.fromISO(r.expires_on, { zone: DEFAULT_ZONE }).diff(today, 'days').days)
      return [...recipients.values()].map((recipient) => ({
        kind: 'certification.expiring',
        recipient,
        email: renderCertificateExpiryEmail({
          locale: recipient.locale,
          teamName: r.team_name,
          kindName: r.kind_name,
          personName: r.person_name,
          expiresOn: r.expires_on,
          daysLeft,
          bookings: r.bookings,
          link: `${outboxSettings().publicUrl.replace(/\/$/, '')}/bookings`,
        }),
        dedupeKey: `certificate:${r.id}:${notice.days}:${recipient.email.toLowerCase()}`,
      }))
    })
    if (messages.length > 0) {
      await db.transaction().execute((trx) => enqueue(trx, messages))
      written += messages.length
    }
  }
  return written
}

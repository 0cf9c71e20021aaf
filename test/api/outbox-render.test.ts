import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOutboxWorker } from '../../backend/outbox/worker.ts'
import { veventLines } from '../../emails/ics-test-helpers.ts'
import { createMailTestContext, type MailTestContext } from '../helpers/context.ts'
import { calendarOf } from '../helpers/mail.ts'

// A booking's emails are written in its transaction as the data to render them with, and rendered by the
// outbox worker (backend/outbox/booking-snapshot.ts): they say what was true at the event.

let ctx: MailTestContext
beforeAll(async () => {
  ctx = await createMailTestContext()
})
afterAll(() => ctx?.close())

const line = (ics: string, name: string) =>
  veventLines(ics)[0]
    .find((l) => l.startsWith(`${name}:`) || l.startsWith(`${name};`))
    ?.replace(/^[^:]*:/, '')

describe('booking emails rendered by the outbox worker', () => {
  it('a confirmation written before the lab was renamed and the booking cancelled still says what was true when it was booked', async () => {
    const admin = await ctx.as(await ctx.make.admin())
    const hub = await ctx.make.hub({ name: 'Hub Lorenteggio', email: 'lorenteggio@example.org' })
    const lab = await ctx.make.lab({ hub_id: hub.id, name: 'Sartoria' })
    const team = await ctx.make.team({ name: 'Sarte di quartiere' })
    const booker = await ctx.make.user({ teamIds: [team.id], locale: 'it' })
    const member = await ctx.as(booker)

    const res = await member.post('/bookings', {
      labId: lab.id,
      teamId: team.id,
      title: 'Laboratorio di cucito',
      start: '2027-10-20T18:00',
      end: '2027-10-20T20:00',
    })
    expect(res.status).toBe(201)
    const bookingId = res.body.bookings[0].id

    // in the booking's transaction: the row with its subject and the snapshot, not yet its body
    const waiting = await ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('recipient', '=', team.contact_email)
      .where('kind', '=', 'booking.confirmed')
      .executeTakeFirstOrThrow()
    expect(waiting).toMatchObject({ status: 'pending', subject: 'Prenotazione confermata: Laboratorio di cucito', html: '', text: '' })
    expect(waiting.render).not.toBeNull()
    const listed = await admin.get(`/admin/outbox?recipient=${encodeURIComponent(team.contact_email)}&kind=booking.confirmed`)
    expect(listed.body).toEqual([expect.objectContaining({ id: waiting.id, subject: waiting.subject, attachments: ['invito.ics'] })])

    // then, before the worker runs: the lab renamed, the booking cancelled
    expect((await admin.patch(`/labs/${lab.id}`, { name: 'Sartoria rinnovata' })).status).toBe(200)
    expect((await member.post(`/bookings/${bookingId}/cancel`, { scope: 'occurrence' })).status).toBe(200)

    const worker = createOutboxWorker(ctx.deps)
    await worker.drain()
    await worker.stop()
    const mails = ctx.smtp.to(team.contact_email)
    const confirmed = mails.find((m) => m.parsed.subject === 'Prenotazione confermata: Laboratorio di cucito')!
    const cancelled = mails.find((m) => m.parsed.subject === 'Prenotazione annullata: Laboratorio di cucito')!
    expect(confirmed.parsed.text).toContain('Sartoria')
    expect(confirmed.parsed.text).not.toContain('Sartoria rinnovata')
    expect(confirmed.parsed.text).toContain('mercoledì 20 ottobre 2027, 18:00–20:00')
    const invitation = calendarOf(confirmed.parsed)!
    expect(invitation).toContain('METHOD:REQUEST')
    expect(line(invitation, 'UID')).toBe(`${bookingId}@spazicomuni.comune.milano.it`)
    expect(line(invitation, 'SEQUENCE')).toBe('0')
    expect(line(invitation, 'STATUS')).toBe('CONFIRMED')
    // the cancellation, written after the rename, names the lab as it was then, and outranks the invitation
    expect(cancelled.parsed.text).toContain('Sartoria rinnovata')
    const cancel = calendarOf(cancelled.parsed)!
    expect(cancel).toContain('METHOD:CANCEL')
    expect(line(cancel, 'UID')).toBe(`${bookingId}@spazicomuni.comune.milano.it`)
    expect(Number(line(cancel, 'SEQUENCE'))).toBeGreaterThan(0)

    // once sent, the row holds the message as it went out, and no snapshot
    const sent = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', waiting.id).executeTakeFirstOrThrow()
    expect(sent).toMatchObject({ status: 'sent', subject: confirmed.parsed.subject, text: confirmed.parsed.text, render: null })
    expect(sent.attachments.map((a) => a.filename)).toEqual(['invito.ics'])
    expect(sent.attachments[0].content).toContain('METHOD:REQUEST')
  })
})

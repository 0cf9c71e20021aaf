import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createOutboxWorker } from '../../backend/outbox/worker.ts'
import { instancesOf, veventLines } from '../../emails/ics-test-helpers.ts'
import { createMailTestContext, type MailTestContext } from '../helpers/context.ts'
import { calendarOf, type ReceivedMail } from '../helpers/mail.ts'

let ctx: MailTestContext
beforeAll(async () => {
  ctx = await createMailTestContext()
})
afterAll(() => ctx?.close())

const UID_OF = (ics: string) =>
  veventLines(ics)[0]
    .find((l) => l.startsWith('UID:'))!
    .slice(4)
const SEQUENCE_OF = (ics: string) => Math.max(...veventLines(ics).map((e) => Number(e.find((l) => l.startsWith('SEQUENCE:'))!.slice(9))))

/** A hub with contacts, a lab, a team whose contact has no account, and a member who books in English. */
async function world(o: { approval?: boolean; bookerLocale?: 'it' | 'en' } = {}) {
  const hub = await ctx.make.hub({
    name: 'Hub Giambellino',
    address: 'Via Giambellino 7, Milano',
    phone: '02 8845 1234',
    email: 'giambellino@example.org',
  })
  const lab = await ctx.make.lab({ hub_id: hub.id, name: 'Cucina sociale', approval_required: o.approval ?? false })
  const team = await ctx.make.team({ name: 'Associazione Orti di Giambellino' })
  const booker = await ctx.make.user({ teamIds: [team.id], locale: o.bookerLocale ?? 'en', name: 'Grace Hopper' })
  return { hub, lab, team, booker, client: await ctx.as(booker) }
}

async function deliver(): Promise<void> {
  await ctx.worker.drain()
}

function only(mails: ReceivedMail[]): ReceivedMail {
  expect(mails).toHaveLength(1)
  return mails[0]
}

describe('booking emails, end to end through the API', () => {
  it('a series booked while SMTP is down reaches the team once SMTP returns, with an invitation a calendar imports at the right local times; cancelling one occurrence sends a CANCEL for the same UID', async () => {
    const w = await world()
    await ctx.smtp.down()
    let created: { series: { id: string }; bookings: Array<{ id: string }> }
    try {
      const res = await w.client.post('/bookings', {
        labId: w.lab.id,
        teamId: w.team.id,
        title: 'Corso di cucina',
        start: '2027-10-19T18:00',
        end: '2027-10-19T20:00',
        recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=4' },
      })
      expect(res.status).toBe(201)
      created = res.body
      const attempt = await ctx.worker.runOnce()
      expect(attempt.retried).toBeGreaterThanOrEqual(2)
      expect(ctx.smtp.to(w.team.contact_email)).toHaveLength(0)
    } finally {
      await ctx.smtp.up()
    }
    // the first retry is due 5 s after the failed attempt: a worker whose clock is 6 s ahead finds it due
    const ahead = createOutboxWorker(ctx.deps, { now: () => new Date(Date.now() + 6_000) })
    await ahead.drain()
    await ahead.stop()

    // one email per series (not per occurrence): the contact in Italian, the booker in English
    const toTeam = only(ctx.smtp.to(w.team.contact_email))
    const toBooker = only(ctx.smtp.to(w.booker.email))
    expect(toTeam.parsed.subject).toBe('Prenotazione confermata: Corso di cucina')
    expect(toBooker.parsed.subject).toBe('Booking confirmed: Corso di cucina')
    expect(toTeam.parsed.text).toContain('martedì 19 ottobre 2027, 18:00–20:00')
    expect(toTeam.parsed.text).toContain('martedì 2 novembre 2027, 18:00–20:00')
    expect(toTeam.parsed.text).toContain('Via Giambellino 7, Milano')
    expect(toTeam.parsed.text).toContain('02 8845 1234')
    expect(toTeam.parsed.text).toContain(`http://localhost:8080/bookings/${created.bookings[0].id}`)
    expect(toBooker.parsed.text).toContain('Tuesday 9 November 2027, 18:00–20:00')

    const invite = calendarOf(toTeam.parsed)!
    expect(invite).toContain('METHOD:REQUEST')
    expect(invite).toContain('BEGIN:VTIMEZONE')
    expect(invite).toContain('LOCATION:Hub Giambellino\\, Via Giambellino 7\\, Milano')
    expect(invite).toMatch(/ORGANIZER;CN="?Hub Giambellino"?:mailto:giambellino@example.org/)
    expect(instancesOf(invite).map((i) => `${i.start}–${i.end.slice(11)}`)).toEqual([
      '2027-10-19T18:00–20:00',
      '2027-10-26T18:00–20:00',
      '2027-11-02T18:00–20:00',
      '2027-11-09T18:00–20:00',
    ])
    const uid = UID_OF(invite)
    expect(uid).toBe(`${created.series.id}@spazicomuni.comune.milano.it`)

    const cancel = await w.client.post(`/bookings/${created.bookings[2].id}/cancel`, {
      scope: 'occurrence',
      reason: 'Assemblea di quartiere',
    })
    expect(cancel.status).toBe(200)
    await deliver()
    const cancelMail = ctx.smtp.to(w.team.contact_email)[1]
    expect(cancelMail.parsed.subject).toBe('Prenotazione annullata: Corso di cucina')
    expect(cancelMail.parsed.text).toContain('Motivo: Assemblea di quartiere')
    const cancellation = calendarOf(cancelMail.parsed)!
    expect(cancellation).toContain('METHOD:CANCEL')
    expect(UID_OF(cancellation)).toBe(uid)
    expect(cancellation).toContain('RECURRENCE-ID;TZID=Europe/Rome:20271102T180000')
    expect(SEQUENCE_OF(cancellation)).toBeGreaterThan(SEQUENCE_OF(invite))
    expect(ctx.smtp.to(w.team.contact_email)).toHaveLength(2)
  })

  it('cancelling the following occurrences cancels each by RECURRENCE-ID; cancelling the rest withdraws the whole event', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Serie',
      start: '2027-11-01T14:00',
      end: '2027-11-01T15:00',
      recurrence: { rrule: 'FREQ=DAILY;COUNT=4' },
    })
    expect(res.status).toBe(201)
    const ids = res.body.bookings.map((b: { id: string }) => b.id)
    await deliver()
    expect((await w.client.post(`/bookings/${ids[2]}/cancel`, { scope: 'following' })).status).toBe(200)
    await deliver()
    const followingMail = ctx.smtp.to(w.team.contact_email)[1]
    expect(followingMail.parsed.text).toContain('Date annullate (2):')
    const following = calendarOf(followingMail.parsed)!
    expect(veventLines(following).map((e) => e.find((l) => l.startsWith('RECURRENCE-ID')))).toEqual([
      'RECURRENCE-ID;TZID=Europe/Rome:20271103T140000',
      'RECURRENCE-ID;TZID=Europe/Rome:20271104T140000',
    ])
    expect((await w.client.post(`/bookings/${ids[0]}/cancel`, { scope: 'series' })).status).toBe(200)
    await deliver()
    const whole = calendarOf(ctx.smtp.to(w.team.contact_email)[2].parsed)!
    expect(whole).toContain('METHOD:CANCEL')
    expect(veventLines(whole)).toHaveLength(1)
    expect(whole).not.toContain('RECURRENCE-ID')
    expect(UID_OF(whole)).toBe(`${res.body.series.id}@spazicomuni.comune.milano.it`)
    expect(SEQUENCE_OF(whole)).toBeGreaterThan(SEQUENCE_OF(following))
  })

  it('escapes a title with <script> in the HTML part', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: '<script>alert("x")</script>',
      start: '2027-10-20T10:00',
      end: '2027-10-20T12:00',
    })
    expect(res.status).toBe(201)
    await deliver()
    const mail = only(ctx.smtp.to(w.booker.email))
    expect(mail.parsed.html).not.toContain('<script>')
    expect(mail.parsed.html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(mail.parsed.subject).toBe('Prenotazione confermata: <script>alert("x")</script>')
  })

  it('says which equipment was booked, with how many, in both languages', async () => {
    const w = await world({ bookerLocale: 'en' })
    const oven = await ctx.make.equipmentType({ name: 'Forno a convezione' })
    for (const i of [1, 2]) await ctx.make.asset({ type_id: oven.id, lab_id: w.lab.id, asset_tag: `FO${i}-${Math.random()}` })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Panificazione',
      start: '2027-10-26T18:00',
      end: '2027-10-26T20:00',
      recurrence: { rrule: 'FREQ=WEEKLY;BYDAY=TU;COUNT=2' },
      equipment: [{ typeId: oven.id, quantity: 2 }],
    })
    expect(res.status).toBe(201)
    await deliver()
    const toTeam = only(ctx.smtp.to(w.team.contact_email).filter((m) => m.parsed.subject?.includes('Panificazione')))
    expect(toTeam.parsed.text).toContain('Attrezzature prenotate: Forno a convezione × 2')
    expect(toTeam.parsed.html).toContain('Forno a convezione × 2')
    const toBooker = only(ctx.smtp.to(w.booker.email).filter((m) => m.parsed.subject?.includes('Panificazione')))
    expect(toBooker.parsed.text).toContain('Equipment booked: Forno a convezione × 2')
  })

  it('writes one email to a person who is both the contact and the booker', async () => {
    const hub = await ctx.make.hub()
    const lab = await ctx.make.lab({ hub_id: hub.id })
    const team = await ctx.make.team()
    const booker = await ctx.make.user({ email: team.contact_email, teamIds: [team.id] })
    const res = await (await ctx.as(booker)).post('/bookings', {
      labId: lab.id,
      teamId: team.id,
      title: 'Riunione',
      start: '2027-10-21T10:00',
      end: '2027-10-21T11:00',
    })
    expect(res.status).toBe(201)
    await deliver()
    expect(ctx.smtp.to(team.contact_email)).toHaveLength(1)
  })

  it('a request for a lab with approval tells the team it is pending and the hub’s operator staff that it awaits them; approval follows', async () => {
    const w = await world({ approval: true, bookerLocale: 'it' })
    const staff = await ctx.make.operatorStaff(w.hub.id)
    const otherStaff = await ctx.make.operatorStaff((await ctx.make.hub()).id)
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Sartoria',
      start: '2027-10-22T10:00',
      end: '2027-10-22T12:00',
    })
    expect(res.status).toBe(201)
    expect(res.body.bookings[0].status).toBe('pending')
    await deliver()
    const pending = only(ctx.smtp.to(w.team.contact_email))
    expect(pending.parsed.subject).toBe('Prenotazione in attesa di approvazione: Sartoria')
    const request = calendarOf(pending.parsed)!
    expect(request).toContain('STATUS:TENTATIVE')
    const toStaff = only(ctx.smtp.to(staff.user.email))
    expect(toStaff.parsed.subject).toBe(`Da approvare: Sartoria (${w.team.name})`)
    expect(ctx.smtp.to(otherStaff.user.email)).toHaveLength(0)

    const approve = await (await ctx.as(staff.user)).post(`/bookings/${res.body.bookings[0].id}/approve`, {})
    expect(approve.status).toBe(200)
    await deliver()
    const approved = ctx.smtp.to(w.team.contact_email)[1]
    expect(approved.parsed.subject).toBe('Prenotazione approvata: Sartoria')
    const update = calendarOf(approved.parsed)!
    expect(update).toContain('STATUS:CONFIRMED')
    expect(UID_OF(update)).toBe(UID_OF(request))
    expect(SEQUENCE_OF(update)).toBeGreaterThan(SEQUENCE_OF(request))
  })

  it('a member’s move in a lab with approval goes back to the hub’s operator staff', async () => {
    const w = await world({ approval: true, bookerLocale: 'it' })
    const staff = await ctx.make.operatorStaff(w.hub.id)
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Ricamo',
      start: '2027-10-29T10:00',
      end: '2027-10-29T12:00',
    })
    expect(res.status).toBe(201)
    expect((await (await ctx.as(staff.user)).post(`/bookings/${res.body.bookings[0].id}/approve`, {})).status).toBe(200)
    await deliver()
    expect(ctx.smtp.to(staff.user.email)).toHaveLength(1)
    const move = await w.client.patch(`/bookings/${res.body.bookings[0].id}`, { start: '2027-10-29T14:00', end: '2027-10-29T16:00' })
    expect(move.status).toBe(200)
    await deliver()
    const again = ctx.smtp.to(staff.user.email)
    expect(again).toHaveLength(2)
    expect(again[1].parsed.subject).toBe(`Da approvare: Ricamo (${w.team.name})`)
    expect(again[1].parsed.text).toContain('venerdì 29 ottobre 2027, 14:00–16:00')
  })

  it('a rejection carries its reason and withdraws the invitation', async () => {
    const w = await world({ approval: true, bookerLocale: 'it' })
    const staff = await ctx.make.operatorStaff(w.hub.id)
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Orto',
      start: '2027-10-23T10:00',
      end: '2027-10-23T12:00',
    })
    expect(res.status).toBe(201)
    const reject = await (await ctx.as(staff.user)).post(`/bookings/${res.body.bookings[0].id}/reject`, { reason: 'Lab in manutenzione' })
    expect(reject.status).toBe(200)
    await deliver()
    const rejected = ctx.smtp.to(w.team.contact_email).find((m) => m.parsed.subject?.startsWith('Prenotazione non approvata'))!
    expect(rejected.parsed.text).toContain('Motivo: Lab in manutenzione')
    const ics = calendarOf(rejected.parsed)!
    expect(ics).toContain('METHOD:CANCEL')
    expect(UID_OF(ics)).toBe(`${res.body.bookings[0].id}@spazicomuni.comune.milano.it`)
  })

  it('a moved occurrence of a series is a REQUEST for the same UID with the new time and a higher SEQUENCE', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Informatica',
      start: '2027-10-18T09:00',
      end: '2027-10-18T11:00',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=3' },
    })
    expect(res.status).toBe(201)
    await deliver()
    const invite = calendarOf(only(ctx.smtp.to(w.team.contact_email)).parsed)!
    const move = await w.client.patch(`/bookings/${res.body.bookings[1].id}`, { start: '2027-10-26T15:00', end: '2027-10-26T17:00' })
    expect(move.status).toBe(200)
    await deliver()
    const moved = ctx.smtp.to(w.team.contact_email)[1]
    expect(moved.parsed.subject).toBe('Prenotazione spostata: Informatica')
    expect(moved.parsed.text).toContain('Prima: lunedì 25 ottobre 2027, 09:00–11:00')
    expect(moved.parsed.text).toContain('Ora: martedì 26 ottobre 2027, 15:00–17:00')
    const update = calendarOf(moved.parsed)!
    expect(update).toContain('METHOD:REQUEST')
    expect(UID_OF(update)).toBe(UID_OF(invite))
    expect(SEQUENCE_OF(update)).toBeGreaterThan(SEQUENCE_OF(invite))
    expect(instancesOf(update).map((i) => i.start)).toEqual(['2027-10-18T09:00', '2027-10-26T15:00', '2027-11-01T09:00'])
  })

  it('a new title alone is an update too: a REQUEST with the new SUMMARY and a higher SEQUENCE', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Titolo vecchio',
      start: '2027-10-20T09:00',
      end: '2027-10-20T11:00',
    })
    expect(res.status).toBe(201)
    await deliver()
    const invite = calendarOf(only(ctx.smtp.to(w.team.contact_email)).parsed)!
    const retitle = await w.client.patch(`/bookings/${res.body.bookings[0].id}`, { title: 'Titolo nuovo' })
    expect(retitle.status).toBe(200)
    await deliver()
    const updated = ctx.smtp.to(w.team.contact_email)[1]
    expect(updated.parsed.subject).toBe('Prenotazione aggiornata: Titolo nuovo')
    const update = calendarOf(updated.parsed)!
    expect(update).toContain('METHOD:REQUEST')
    expect(UID_OF(update)).toBe(UID_OF(invite))
    expect(SEQUENCE_OF(update)).toBeGreaterThan(SEQUENCE_OF(invite))
    expect(instancesOf(update).map((i) => [i.start, i.summary])).toEqual([['2027-10-20T09:00', expect.stringContaining('Titolo nuovo')]])
    // The same title again changes nothing a calendar shows: no email.
    expect((await w.client.patch(`/bookings/${res.body.bookings[0].id}`, { title: 'Titolo nuovo' })).status).toBe(200)
    await deliver()
    expect(ctx.smtp.to(w.team.contact_email)).toHaveLength(2)
  })

  it('a closure that cancels a booking says so, with its reason', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Cena',
      start: '2027-10-27T18:00',
      end: '2027-10-27T20:00',
    })
    expect(res.status).toBe(201)
    const admin = await ctx.as(await ctx.make.admin())
    const closure = await admin.post('/closures', {
      hubId: w.hub.id,
      start: '2027-10-27T00:00',
      end: '2027-10-28T00:00',
      reason: 'Lavori all’impianto elettrico',
      cancelAffected: true,
    })
    expect(closure.status).toBe(201)
    await deliver()
    const mail = ctx.smtp.to(w.team.contact_email).find((m) => m.parsed.subject?.includes('chiusura'))!
    expect(mail.parsed.subject).toBe('Prenotazione annullata per chiusura: Cena')
    expect(mail.parsed.text).toContain('Lavori all’impianto elettrico')
    expect(calendarOf(mail.parsed)).toContain('METHOD:CANCEL')
  })
})

describe('the waiting list', () => {
  it('tells the waiting team, in one email with the invitation, when the slot frees up', async () => {
    const w = await world({ bookerLocale: 'it' })
    const first = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Prima',
      start: '2027-10-28T10:00',
      end: '2027-10-28T12:00',
    })
    expect(first.status).toBe(201)
    const waiting = await ctx.make.team({ name: 'Gruppo in attesa' })
    const waiter = await ctx.make.user({ teamIds: [waiting.id] })
    const join = await (await ctx.as(waiter)).post('/waitlist', {
      labId: w.lab.id,
      teamId: waiting.id,
      start: '2027-10-28T10:00',
      end: '2027-10-28T12:00',
    })
    expect(join.status).toBe(201)
    expect((await w.client.post(`/bookings/${first.body.bookings[0].id}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    await deliver()
    const promoted = only(ctx.smtp.to(waiting.contact_email))
    expect(promoted.parsed.subject).toMatch(/^Dalla lista d’attesa: .+ è prenotato$/)
    expect(promoted.parsed.text).toContain('giovedì 28 ottobre 2027, 10:00–12:00')
    expect(calendarOf(promoted.parsed)).toContain('METHOD:REQUEST')
    expect(only(ctx.smtp.to(waiter.email)).parsed.subject).toBe(promoted.parsed.subject)
  })
})

describe('reminders the day before', () => {
  const reminderRows = (bookingIds: string[]) =>
    ctx.db
      .selectFrom('outbox')
      .selectAll()
      .where('kind', '=', 'booking.reminder')
      .where('booking_id', 'in', bookingIds)
      .orderBy('created_at')
      .execute()
  const remindersTo = (email: string, title: string) =>
    ctx.smtp.to(email).filter((m) => m.parsed.subject === `Promemoria per domani: ${title}`)

  it('goes out once, the day before, and not at all for a cancelled booking', async () => {
    const w = await world({ bookerLocale: 'it' })
    const kept = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Promemoria',
      start: '2027-11-10T18:00',
      end: '2027-11-10T19:00',
    })
    const dropped = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Annullata',
      start: '2027-11-11T18:00',
      end: '2027-11-11T19:00',
    })
    expect([kept.status, dropped.status]).toEqual([201, 201])
    const ids = [kept.body.bookings[0].id, dropped.body.bookings[0].id]
    await deliver()
    // nothing is written with the booking: the worker writes a reminder a few minutes before it is due
    expect(await reminderRows(ids)).toHaveLength(0)
    expect((await w.client.post(`/bookings/${ids[1]}/cancel`, { scope: 'occurrence' })).status).toBe(200)

    let t = new Date('2027-11-09T16:59:00Z').getTime()
    const later = createOutboxWorker(ctx.deps, { now: () => new Date(t) })
    await later.drain()
    const written = await reminderRows(ids)
    // one per recipient (the team's contact, who booked), due the day before at the same local time
    expect(written.map((r) => [r.booking_id, r.status, r.next_attempt_at.toISOString()])).toEqual([
      [ids[0], 'pending', '2027-11-09T17:00:00.000Z'],
      [ids[0], 'pending', '2027-11-09T17:00:00.000Z'],
    ])
    expect(ctx.smtp.to(w.team.contact_email).filter((m) => m.parsed.subject?.startsWith('Promemoria'))).toHaveLength(0)
    t = new Date('2027-11-09T17:00:00Z').getTime()
    await later.drain()
    await later.drain()
    const sent = remindersTo(w.team.contact_email, 'Promemoria')
    expect(sent).toHaveLength(1)
    expect(sent[0].parsed.text).toContain('mercoledì 10 novembre 2027, 18:00–19:00')
    expect(remindersTo(w.booker.email, 'Promemoria')).toHaveLength(1)
    // the cancelled booking's day: no reminder written, none sent; scanning again writes nothing twice
    for (const at of ['2027-11-10T16:56:00Z', '2027-11-10T16:58:00Z', '2027-11-10T17:00:00Z', '2027-11-10T17:30:00Z']) {
      t = new Date(at).getTime()
      await later.drain()
    }
    await later.stop()
    expect((await reminderRows(ids)).map((r) => [r.booking_id, r.status])).toEqual([
      [ids[0], 'sent'],
      [ids[0], 'sent'],
    ])
    expect(remindersTo(w.team.contact_email, 'Annullata')).toHaveLength(0)
    expect(remindersTo(w.team.contact_email, 'Promemoria')).toHaveLength(1)
  })

  it('a weekly series has a reminder for each confirmed occurrence, at its time, and none for a cancelled one', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Serie annuale',
      start: '2027-01-12T18:00',
      end: '2027-01-12T19:00',
      recurrence: { rrule: 'FREQ=WEEKLY;COUNT=52' },
    })
    expect(res.status).toBe(201)
    const ids: string[] = res.body.bookings.map((b: { id: string }) => b.id)
    expect(ids).toHaveLength(52)
    // the series writes its confirmations only (one per recipient), no reminder row
    const written = await ctx.db.selectFrom('outbox').select(['kind']).where('subject', 'like', '%Serie annuale%').execute()
    expect(written.map((r) => r.kind)).toEqual(['booking.confirmed', 'booking.confirmed'])
    // the 9th occurrence (9 March) is cancelled; the 10th (16 March) and the 20th (25 May, summer time) go ahead
    expect((await w.client.post(`/bookings/${ids[8]}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    await deliver()
    const contact = w.team.contact_email
    const before = ctx.smtp.to(contact).length

    let t = 0
    const later = createOutboxWorker(ctx.deps, { now: () => new Date(t) })
    const runAt = async (at: string) => {
      t = new Date(at).getTime()
      await later.drain()
    }
    // the 9th's reminder time (8 March, 18:00 in Rome): nothing written, nothing sent
    await runAt('2027-03-08T16:57:00Z')
    await runAt('2027-03-08T17:00:00Z')
    expect(await reminderRows([ids[8]])).toHaveLength(0)
    // the 10th: written a few minutes ahead, due at 18:00 in Rome the day before, sent then
    await runAt('2027-03-15T16:56:00Z')
    expect((await reminderRows([ids[9]])).map((r) => [r.status, r.next_attempt_at.toISOString()])).toEqual([
      ['pending', '2027-03-15T17:00:00.000Z'],
      ['pending', '2027-03-15T17:00:00.000Z'],
    ])
    expect(await reminderRows([ids[10]])).toHaveLength(0)
    await runAt('2027-03-15T17:00:00Z')
    // the 20th, in summer time: 18:00 in Rome is 16:00 UTC
    await runAt('2027-05-24T15:57:00Z')
    await runAt('2027-05-24T16:00:00Z')
    await later.stop()
    const sent = ctx.smtp.to(contact).slice(before)
    expect(sent.map((m) => m.parsed.subject)).toEqual(['Promemoria per domani: Serie annuale', 'Promemoria per domani: Serie annuale'])
    expect(sent[0].parsed.text).toContain('martedì 16 marzo 2027, 18:00–19:00')
    expect(sent[1].parsed.text).toContain('martedì 25 maggio 2027, 18:00–19:00')
    expect((await reminderRows([ids[19]])).map((r) => r.status)).toEqual(['sent', 'sent'])
  })

  it('is written when it is due, from the booking as it is then, and keeps the body it was sent with', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Prima',
      start: '2027-11-15T18:00',
      end: '2027-11-15T19:00',
    })
    const id = res.body.bookings[0].id
    let t = new Date('2027-11-14T16:56:00Z').getTime()
    const later = createOutboxWorker(ctx.deps, { now: () => new Date(t) })
    await later.drain()
    const scheduled = (await reminderRows([id])).find((r) => r.recipient === w.team.contact_email)!
    // written with its subject only (what the admin outbox lists); the body waits for its time
    expect([scheduled.subject, scheduled.html, scheduled.text]).toEqual(['Promemoria per domani: Prima', '', ''])
    expect((await w.client.patch(`/bookings/${id}`, { title: 'Dopo' })).status).toBe(200)

    t = new Date('2027-11-14T17:00:00Z').getTime()
    await later.drain()
    await later.stop()
    const sent = ctx.smtp.to(w.team.contact_email).filter((m) => m.parsed.subject?.startsWith('Promemoria per domani'))
    expect(sent.map((m) => m.parsed.subject)).toEqual(['Promemoria per domani: Dopo'])
    expect(sent[0].parsed.text).toContain('lunedì 15 novembre 2027, 18:00–19:00')
    const row = await ctx.db.selectFrom('outbox').selectAll().where('id', '=', scheduled.id).executeTakeFirstOrThrow()
    expect(row).toMatchObject({ status: 'sent', subject: 'Promemoria per domani: Dopo', text: sent[0].parsed.text })
  })

  it('is re-scheduled when the booking moves, and skipped if it moved without telling us', async () => {
    const w = await world({ bookerLocale: 'it' })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'Spostata',
      start: '2027-11-12T10:00',
      end: '2027-11-12T11:00',
    })
    const id = res.body.bookings[0].id
    const early = createOutboxWorker(ctx.deps, { now: () => new Date('2027-11-11T08:57:00Z') })
    await early.drain()
    await early.stop()
    expect((await reminderRows([id])).map((r) => [r.status, r.next_attempt_at.toISOString()])).toEqual([
      ['pending', '2027-11-11T09:00:00.000Z'],
      ['pending', '2027-11-11T09:00:00.000Z'],
    ])
    expect((await w.client.patch(`/bookings/${id}`, { start: '2027-11-13T10:00', end: '2027-11-13T11:00' })).status).toBe(200)
    // the move withdraws them; its new day's reminders are written before their time
    expect((await reminderRows([id])).map((r) => r.status)).toEqual(['cancelled', 'cancelled'])
    const ahead = createOutboxWorker(ctx.deps, { now: () => new Date('2027-11-12T08:57:00Z') })
    await ahead.drain()
    await ahead.stop()
    const rows = await reminderRows([id])
    expect(rows.filter((r) => r.status === 'pending').map((r) => r.next_attempt_at.toISOString())).toEqual([
      '2027-11-12T09:00:00.000Z',
      '2027-11-12T09:00:00.000Z',
    ])
    expect(rows.filter((r) => r.status === 'cancelled')).toHaveLength(2)

    // a change that bypassed notify(): the worker re-checks the booking and does not send a stale reminder
    await ctx.db.updateTable('bookings').set({ status: 'cancelled' }).where('id', '=', id).execute()
    const later = createOutboxWorker(ctx.deps, { now: () => new Date('2027-11-12T09:00:01Z') })
    const report = await later.drain()
    await later.stop()
    expect(report.cancelled).toBeGreaterThanOrEqual(2)
    expect(
      ctx.smtp.to(w.team.contact_email).filter((m) => m.parsed.subject?.includes('Spostata') && m.parsed.subject.startsWith('Promemoria')),
    ).toHaveLength(0)
  })

  it('is not written for a booking made after its time, nor for one still awaiting approval', async () => {
    const w = await world({ bookerLocale: 'it', approval: true })
    const res = await w.client.post('/bookings', {
      labId: w.lab.id,
      teamId: w.team.id,
      title: 'In attesa',
      start: '2027-11-20T18:00',
      end: '2027-11-20T19:00',
    })
    expect(res.body.bookings[0].status).toBe('pending')
    const id = res.body.bookings[0].id
    const at = createOutboxWorker(ctx.deps, { now: () => new Date('2027-11-19T16:58:00Z') })
    await at.drain()
    await at.stop()
    expect(await reminderRows([id])).toHaveLength(0)
    // a booking made (here: last changed) after its reminder's time has none, as when it was booked the same evening
    await ctx.db
      .updateTable('bookings')
      .set({ status: 'confirmed', updated_at: new Date('2027-11-19T17:30:00Z') })
      .where('id', '=', id)
      .execute()
    const after = createOutboxWorker(ctx.deps, { now: () => new Date('2027-11-19T17:31:00Z') })
    await after.drain()
    await after.stop()
    expect(await reminderRows([id])).toHaveLength(0)
  })
})

import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { type BookingEmail, renderBookingEmail, renderMagicLinkEmail } from './templates.ts'

const rome = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Rome' }).toJSDate()
const base: BookingEmail = {
  kind: 'booking.confirmed',
  locale: 'it',
  title: 'Corso di cucina',
  teamName: 'Associazione Orti',
  place: {
    labName: 'Cucina',
    hubName: 'Hub Giambellino',
    address: 'Via Giambellino 1, Milano',
    phone: '02 123',
    email: 'hub@example.org',
    zone: 'Europe/Rome',
  },
  slots: [{ start: rome('2027-10-19T18:00'), end: rome('2027-10-19T20:00') }],
  link: 'http://localhost:8080/bookings/abc',
}

describe('renderBookingEmail', () => {
  it('writes a confirmation in Italian with the lab, the hub’s address and contacts, the time and the link', () => {
    const m = renderBookingEmail(base)
    expect(m.subject).toBe('Prenotazione confermata: Corso di cucina')
    for (const part of [m.text, m.html]) {
      expect(part).toContain('Cucina')
      expect(part).toContain('Via Giambellino 1, Milano')
      expect(part).toContain('02 123')
      expect(part).toContain('hub@example.org')
      expect(part).toContain('martedì 19 ottobre 2027, 18:00–20:00')
      expect(part).toContain('http://localhost:8080/bookings/abc')
    }
    expect(m.html).toContain('<html lang="it">')
  })

  it('writes English for users who chose it', () => {
    const m = renderBookingEmail({ ...base, locale: 'en' })
    expect(m.subject).toBe('Booking confirmed: Corso di cucina')
    expect(m.text).toContain('Tuesday 19 October 2027, 18:00–20:00')
  })

  it('escapes every user text in the HTML part', () => {
    const m = renderBookingEmail({ ...base, title: '<script>alert(1)</script>', teamName: 'A & B "C"', reason: '<b>x</b>' })
    expect(m.html).not.toContain('<script>')
    expect(m.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(m.html).toContain('A &amp; B &quot;C&quot;')
    expect(m.html).toContain('&lt;b&gt;x&lt;/b&gt;')
    expect(m.text).toContain('<script>alert(1)</script>')
  })

  it('lists every occurrence of a series in one email', () => {
    const slots = [0, 7, 14].map((d) => ({
      start: DateTime.fromISO('2027-10-19T18:00', { zone: 'Europe/Rome' }).plus({ days: d }).toJSDate(),
      end: DateTime.fromISO('2027-10-19T20:00', { zone: 'Europe/Rome' }).plus({ days: d }).toJSDate(),
    }))
    const m = renderBookingEmail({ ...base, slots })
    expect(m.text).toContain('Date (3):')
    expect(m.text).toContain('- martedì 2 novembre 2027, 18:00–20:00')
  })

  it('gives the reason and scope of a cancellation', () => {
    const m = renderBookingEmail({ ...base, kind: 'booking.cancelled', scope: 'series', reason: 'Sciopero' })
    expect(m.subject).toBe('Prenotazione annullata: Corso di cucina')
    expect(m.text).toContain('intera serie')
    expect(m.text).toContain('Motivo: Sciopero')
  })

  it('shows where a moved booking was and where it is now', () => {
    const m = renderBookingEmail({
      ...base,
      kind: 'booking.moved',
      previous: { start: rome('2027-10-19T18:00'), end: rome('2027-10-19T20:00') },
      slots: [{ start: rome('2027-10-20T10:00'), end: rome('2027-10-20T12:00') }],
    })
    expect(m.text).toContain('Prima: martedì 19 ottobre 2027, 18:00–20:00')
    expect(m.text).toContain('Ora: mercoledì 20 ottobre 2027, 10:00–12:00')
  })
})

describe('renderMagicLinkEmail', () => {
  it('carries the sign-in link in both parts', () => {
    const m = renderMagicLinkEmail({ locale: 'it', name: 'Ada', url: 'http://localhost:8080/login?token=abc', minutes: 15 })
    expect(m.subject).toBe('Il tuo link di accesso a Spazi Comuni')
    expect(m.text).toContain('http://localhost:8080/login?token=abc')
    expect(m.html).toContain('href="http://localhost:8080/login?token=abc"')
  })
})

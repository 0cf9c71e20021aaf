import fc from 'fast-check'
import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { escapeHtml, formatSlot } from './format.ts'

const rome = (iso: string) => DateTime.fromISO(iso, { zone: 'Europe/Rome' }).toJSDate()

describe('formatSlot', () => {
  it('writes a slot Italian-style in Europe/Rome', () => {
    expect(formatSlot(rome('2027-10-19T18:00'), rome('2027-10-19T20:00'), 'Europe/Rome', 'it')).toBe('martedì 19 ottobre 2027, 18:00–20:00')
  })

  it('writes it in English for users who chose English', () => {
    expect(formatSlot(rome('2027-10-19T18:00'), rome('2027-10-19T20:00'), 'Europe/Rome', 'en')).toBe('Tuesday 19 October 2027, 18:00–20:00')
  })

  it('keeps local time after the end of summer time', () => {
    expect(formatSlot(new Date('2027-11-02T17:00:00Z'), new Date('2027-11-02T19:00:00Z'), 'Europe/Rome', 'it')).toBe(
      'martedì 2 novembre 2027, 18:00–20:00',
    )
  })

  it('writes both days of a slot across midnight', () => {
    expect(formatSlot(rome('2027-10-19T22:00'), rome('2027-10-20T01:00'), 'Europe/Rome', 'it')).toBe(
      'martedì 19 ottobre 2027, 22:00 – mercoledì 20 ottobre 2027, 01:00',
    )
  })

  it('writes what luxon writes, for any slot, zone and language', () => {
    const viaLuxon = (start: Date, end: Date, zone: string, locale: 'it' | 'en') => {
      const s = DateTime.fromJSDate(start, { zone }).setLocale(locale)
      const e = DateTime.fromJSDate(end, { zone }).setLocale(locale)
      const day = 'cccc d LLLL yyyy'
      return s.hasSame(e, 'day')
        ? `${s.toFormat(day)}, ${s.toFormat('HH:mm')}–${e.toFormat('HH:mm')}`
        : `${s.toFormat(day)}, ${s.toFormat('HH:mm')} – ${e.toFormat(day)}, ${e.toFormat('HH:mm')}`
    }
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 1, max: 3 * 24 * 60 }),
        fc.constantFrom('Europe/Rome', 'Europe/London', 'America/New_York', 'UTC'),
        fc.constantFrom('it' as const, 'en' as const),
        (start, minutes, zone, locale) => {
          const end = new Date(start.getTime() + minutes * 60_000)
          expect(formatSlot(start, end, zone, locale)).toBe(viaLuxon(start, end, zone, locale))
        },
      ),
      { numRuns: 500 },
    )
  })
})

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;')
  })
})

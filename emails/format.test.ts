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
})

describe('escapeHtml', () => {
  it('escapes markup and quotes', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;')
  })
})

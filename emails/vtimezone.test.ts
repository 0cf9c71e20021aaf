import { describe, expect, it } from 'vitest'
import { vtimezone } from './vtimezone.ts'

describe('vtimezone', () => {
  it('writes the EU summer-time rule for Europe/Rome', () => {
    const tz = vtimezone('Europe/Rome')!
    expect(tz.split('\r\n')).toEqual([
      'BEGIN:VTIMEZONE',
      'TZID:Europe/Rome',
      'X-LIC-LOCATION:Europe/Rome',
      'BEGIN:DAYLIGHT',
      'TZOFFSETFROM:+0100',
      'TZOFFSETTO:+0200',
      'TZNAME:CEST',
      'DTSTART:19700329T020000',
      'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
      'END:DAYLIGHT',
      'BEGIN:STANDARD',
      'TZOFFSETFROM:+0200',
      'TZOFFSETTO:+0100',
      'TZNAME:CET',
      'DTSTART:19701025T030000',
      'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
      'END:STANDARD',
      'END:VTIMEZONE',
      '',
    ])
  })

  it('writes a single standard period for a zone without daylight saving', () => {
    const tz = vtimezone('Asia/Tokyo')!
    expect(tz).toContain('BEGIN:STANDARD\r\nTZOFFSETFROM:+0900\r\nTZOFFSETTO:+0900')
    expect(tz).not.toContain('DAYLIGHT')
  })

  it('knows nothing of an unknown zone', () => {
    expect(vtimezone('Mars/Olympus')).toBeNull()
  })
})

import { describe, expect, it } from 'vitest'
import { certificateShortfall, certificationConflicts, defaultExpiry, kindsNeeded } from './certification-gate.ts'

const haccp = { id: 'haccp', name: 'HACCP', equipmentTypeIds: [], labTypes: ['kitchen' as const] }
const laser = { id: 'laser', name: 'Taglio laser', equipmentTypeIds: ['laser-type'], labTypes: [] }

describe('the certification gate', () => {
  it('needs the kinds of the lab type and of the equipment asked for, no others', () => {
    expect(kindsNeeded([haccp, laser], 'kitchen', []).map((k) => k.id)).toEqual(['haccp'])
    expect(kindsNeeded([haccp, laser], 'digital', ['laser-type']).map((k) => k.id)).toEqual(['laser'])
    expect(kindsNeeded([haccp, laser], 'digital', ['other'])).toEqual([])
  })

  it('tells a lapsed certificate from one never held, and a valid one from both', () => {
    const held = [{ kindId: 'haccp', obtainedOn: '2025-03-01', expiresOn: '2027-02-28' }]
    expect(certificateShortfall('haccp', held, '2027-02-28')).toBeNull()
    expect(certificateShortfall('haccp', held, '2027-03-01')).toBe('training_expired')
    expect(certificateShortfall('haccp', held, '2025-02-28')).toBe('training_required')
    expect(certificateShortfall('laser', held, '2026-01-01')).toBe('training_required')
    expect(certificateShortfall('haccp', [{ kindId: 'haccp', obtainedOn: '2025-03-01', expiresOn: null }], '2040-01-01')).toBeNull()
  })

  it('a renewal covers the dates after the old certificate lapsed', () => {
    const held = [
      { kindId: 'haccp', obtainedOn: '2025-03-01', expiresOn: '2027-02-28' },
      { kindId: 'haccp', obtainedOn: '2027-03-10', expiresOn: '2029-03-09' },
    ]
    expect(certificateShortfall('haccp', held, '2027-03-05')).toBe('training_expired')
    expect(certificateShortfall('haccp', held, '2027-03-10')).toBeNull()
  })

  it('judges each occurrence on its local date in the hub’s zone', () => {
    const held = [{ kindId: 'haccp', obtainedOn: '2025-01-01', expiresOn: '2027-10-11' }]
    // 00:30 in Milan on the 12th is still the 11th in UTC: the local date counts.
    const late = { start: new Date('2027-10-11T23:30:00+02:00'), end: new Date('2027-10-12T00:00:00+02:00') }
    const after = { start: new Date('2027-10-12T00:30:00+02:00'), end: new Date('2027-10-12T01:30:00+02:00') }
    const [a, b] = certificationConflicts([late, after], { zone: 'Europe/Rome', needed: [haccp], held })
    expect(a).toEqual([])
    expect(b.map((c) => c.reason)).toEqual(['training_expired'])
    expect(b[0].detail?.in('it')).toContain('HACCP')
  })

  it('a kind’s validity sets the default expiry (the day before the anniversary)', () => {
    expect(defaultExpiry('2027-03-01', 24)).toBe('2029-02-28')
    expect(defaultExpiry('2027-01-31', 1)).toBe('2027-02-27')
    expect(defaultExpiry('2027-03-01', null)).toBeNull()
  })
})

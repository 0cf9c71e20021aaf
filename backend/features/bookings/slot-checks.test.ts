import { DateTime } from 'luxon'
import { describe, expect, it } from 'vitest'
import { freeWithoutLocks, ruleChecks, type SlotsToCheck } from './slot-checks.ts'

const ROME = 'Europe/Rome'
const t = (iso: string) => DateTime.fromISO(iso, { zone: ROME }).toJSDate()

const lab = {
  id: 'lab-1',
  hub_id: 'hub-1',
  name: 'Cucina',
  type: 'kitchen' as const,
  capacity: 12,
  approval_required: false,
  requires_grant: false,
  min_duration_minutes: 30,
  max_duration_minutes: 240,
  check_in_required: false,
  check_in_before_minutes: 15,
  check_in_after_minutes: 30,
  timezone: ROME,
  hub_name: 'Hub Giambellino',
  hub_address: 'Via Giambellino 1',
  hub_phone: null,
  hub_email: null,
}

const toCheck = (o: Partial<SlotsToCheck> = {}): SlotsToCheck => ({
  lab,
  calendar: { hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '21:00' })), closures: [] },
  teamId: 'team-1',
  team: { grants: [], kinds: [], held: [] },
  slots: [{ start: t('2027-10-19T18:00'), end: t('2027-10-19T20:00') }],
  equipment: [],
  allowPast: false,
  ...o,
})

const kitchenGrant = { from: '2027-01-01', to: '2027-12-31', hubId: null, labType: 'kitchen' as const }

describe('freeWithoutLocks: the bookings written in one statement', () => {
  it('a free slot of a team without a grant that covers it needs no lock', () => {
    const free = freeWithoutLocks(toCheck())
    expect(free?.map((c) => c.conflicts)).toEqual([[]])
    // every occurrence of a series too, and staff's use without a team
    const series = [19, 26].map((d) => ({ start: t(`2027-10-${d}T18:00`), end: t(`2027-10-${d}T20:00`) }))
    expect(freeWithoutLocks(toCheck({ slots: series }))).toHaveLength(2)
    expect(freeWithoutLocks(toCheck({ teamId: null, team: null }))).toHaveLength(1)
  })

  it('equipment asked for takes the transaction (the assets are locked)', () => {
    expect(freeWithoutLocks(toCheck({ equipment: [{ typeId: 'oven', quantity: 1 }] }))).toBeNull()
  })

  it('a grant of the team that can cover the slot takes the transaction (the grant lock)', () => {
    expect(freeWithoutLocks(toCheck({ team: { grants: [kitchenGrant], kinds: [], held: [] } }))).toBeNull()
    // a grant for another year or lab type cannot: no lock
    const other = { ...kitchenGrant, labType: 'it' as const }
    expect(freeWithoutLocks(toCheck({ team: { grants: [other], kinds: [], held: [] } }))).toHaveLength(1)
  })

  it('a slot the rules refuse takes the transaction, which explains it', () => {
    const closed = { start: t('2027-10-19T21:00'), end: t('2027-10-19T22:00') }
    expect(freeWithoutLocks(toCheck({ slots: [closed] }))).toBeNull()
    expect(freeWithoutLocks(toCheck({ lab: { ...lab, requires_grant: true } }))).toBeNull()
    const kind = { id: 'haccp', name: 'HACCP', equipmentTypeIds: [], labTypes: ['kitchen' as const] }
    expect(freeWithoutLocks(toCheck({ team: { grants: [], kinds: [kind], held: [] } }))).toBeNull()
  })
})

describe('ruleChecks', () => {
  it('lists per slot the lab’s rules, then the equipment plan, then the certifications, in that order', () => {
    const slot = { start: t('2027-10-19T18:00'), end: t('2027-10-19T20:00') }
    const kind = { id: 'haccp', name: 'HACCP', equipmentTypeIds: [], labTypes: ['kitchen' as const] }
    const plan = { allocations: [], conflicts: [{ ...slot, reason: 'equipment_unavailable' as const }] }
    const [checked] = ruleChecks(
      toCheck({ slots: [slot], team: { grants: [], kinds: [kind], held: [] } }),
      [{ id: 'b-1', ...slot }],
      [plan],
    )
    expect(checked.conflicts.map((c) => c.reason)).toEqual(['booking', 'equipment_unavailable', 'training_required'])
  })
})

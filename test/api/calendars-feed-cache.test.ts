import { sql } from 'kysely'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { instancesOf } from '../../emails/ics-test-helpers.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** A lab with one booking at 10:00 on 9 March 2027, its feed read once (so a copy is kept). */
async function servedFeed() {
  const lab = await ctx.make.lab({ name: 'Sala del calendario' })
  const { user, teamId } = await ctx.make.member()
  const member = await ctx.as(user)
  const res = await member.post('/bookings', { labId: lab.id, teamId, title: 'Corso', start: '2027-03-09T10:00', end: '2027-03-09T12:00' })
  expect(res.status).toBe(201)
  const first = await ctx.anonymous.get(`/calendars/labs/${lab.id}.ics`)
  expect(instancesOf(first.text).map((i) => i.start)).toEqual(['2027-03-09T10:00'])
  return { lab, member, teamId, bookingId: res.body.bookings[0].id as string, etag: first.headers.get('etag')! }
}

const feedOf = (labId: string) => ctx.anonymous.get(`/calendars/labs/${labId}.ics`)

describe('the public feed of a lab is served again until what it shows changes', () => {
  it('answers the same bytes and ETag while nothing changed', async () => {
    const { lab, etag } = await servedFeed()
    const again = await feedOf(lab.id)
    expect(again.status).toBe(200)
    expect(again.headers.get('etag')).toBe(etag)
  })

  it('shows a booking written by another process (straight into the database) at once', async () => {
    const { lab, bookingId, etag } = await servedFeed()
    await sql`update bookings set during = tstzrange('2027-03-09 15:00+01', '2027-03-09 16:00+01') where id = ${bookingId}::uuid`.execute(
      ctx.db,
    )
    const moved = await feedOf(lab.id)
    expect(moved.headers.get('etag')).not.toBe(etag)
    expect(instancesOf(moved.text).map((i) => i.start)).toEqual(['2027-03-09T15:00'])

    await ctx.db.deleteFrom('bookings').where('id', '=', bookingId).execute()
    expect(instancesOf((await feedOf(lab.id)).text)).toEqual([])
  })

  it('shows a new booking, a cancellation and a renamed lab', async () => {
    const { lab, member, teamId, bookingId } = await servedFeed()
    const res = await member.post('/bookings', {
      labId: lab.id,
      teamId,
      title: 'Altro',
      start: '2027-03-10T10:00',
      end: '2027-03-10T11:00',
    })
    expect(res.status).toBe(201)
    expect(instancesOf((await feedOf(lab.id)).text).map((i) => i.start)).toEqual(['2027-03-09T10:00', '2027-03-10T10:00'])

    expect((await member.post(`/bookings/${bookingId}/cancel`, { scope: 'occurrence' })).status).toBe(200)
    expect(instancesOf((await feedOf(lab.id)).text).map((i) => i.start)).toEqual(['2027-03-10T10:00'])

    await ctx.db.updateTable('labs').set({ name: 'Sala rinominata' }).where('id', '=', lab.id).execute()
    expect((await feedOf(lab.id)).text).toContain('Sala rinominata')
  })
})

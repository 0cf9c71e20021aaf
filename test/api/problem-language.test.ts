import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

const TYPE = 'https://spazicomuni.comune.milano.it/problems/'
const english = { headers: { 'Accept-Language': 'en-GB,en;q=0.9' } }

describe('problem texts', () => {
  it('are Italian by default and English with Accept-Language: en; the type stays the same', async () => {
    const inItalian = await ctx.anonymous.get('/bookings/00000000-0000-4000-8000-000000000000')
    const inEnglish = await ctx.anonymous.get('/bookings/00000000-0000-4000-8000-000000000000', english)
    expect(inItalian.status).toBe(401)
    expect(inItalian.body).toMatchObject({ type: `${TYPE}unauthorized`, title: 'Accesso richiesto', detail: 'Accedi prima di continuare.' })
    expect(inEnglish.body).toMatchObject({ type: `${TYPE}unauthorized`, title: 'Not signed in', detail: 'Sign in first.' })
  })

  it('translate a 404 naming the record', async () => {
    const admin = await ctx.as(await ctx.make.user({ role: 'admin' }))
    const inItalian = await admin.get('/labs/00000000-0000-4000-8000-000000000000')
    const inEnglish = await admin.get('/labs/00000000-0000-4000-8000-000000000000', english)
    expect([inItalian.status, inEnglish.status]).toEqual([404, 404])
    expect(inItalian.body).toMatchObject({ type: `${TYPE}not-found`, title: 'Non trovato', detail: 'Laboratorio non trovato.' })
    expect(inEnglish.body).toMatchObject({ type: `${TYPE}not-found`, title: 'Not found', detail: 'No such lab.' })
  })

  it('tell an unknown route from an unknown record by type', async () => {
    const res = await ctx.anonymous.get('/nope', english)
    expect(res.status).toBe(404)
    expect(res.body).toMatchObject({ type: `${TYPE}no-route`, detail: 'No API route GET /api/v1/nope.' })
  })

  it('word zod’s field messages and ours in the language asked', async () => {
    const body = { email: 'not-an-email', password: 7 }
    const inItalian = await ctx.anonymous.post('/auth/login', body)
    const inEnglish = await ctx.anonymous.post('/auth/login', body, english)
    expect(inItalian.body).toMatchObject({
      type: `${TYPE}validation`,
      title: 'Dati non validi',
      detail: 'La richiesta contiene campi non validi.',
    })
    expect(inEnglish.body).toMatchObject({ type: `${TYPE}validation`, title: 'Invalid input', detail: 'The request has invalid fields.' })
    const password = (res: typeof inItalian) => res.body.errors.find((e: { path: string }) => e.path === 'password').message
    expect(password(inEnglish)).toBe('Invalid input: expected string, received number')
    expect(password(inItalian)).toMatch(/^Input non valido: atteso string/)

    const period = '/reports/utilisation?from=2027-02-01&to=2027-01-01'
    const admin = await ctx.as(await ctx.make.user({ role: 'admin' }))
    expect((await admin.get(period)).body.errors).toEqual([{ path: 'to', message: 'to deve essere successiva a from' }])
    expect((await admin.get(period, english)).body.errors).toEqual([{ path: 'to', message: 'to must be after from' }])
  })

  it('follow the signed-in user’s language when the request names none, and the header when it does', async () => {
    const user = await ctx.as(await ctx.make.user({ role: 'member', locale: 'en' }))
    const own = await user.get('/reports/grants')
    expect(own.status).toBe(403)
    expect(own.body).toMatchObject({
      type: `${TYPE}forbidden`,
      title: 'Not allowed',
      detail: 'Reports are for the Comune and the hub operators.',
    })
    const asked = await user.get('/reports/grants', { headers: { 'Accept-Language': 'it' } })
    expect(asked.body).toMatchObject({ title: 'Operazione non consentita', detail: 'I report sono per il Comune e i gestori degli hub.' })
  })

  it('explain a booking’s conflicts in the language asked, with numbers in its format', async () => {
    const lab = await ctx.make.lab({ min_duration_minutes: 60, max_duration_minutes: 1440 })
    const { user, teamId } = await ctx.make.member()
    const team = await ctx.as(user)
    const booking = { labId: lab.id, teamId, title: 'Corso', start: '2027-10-19T18:00', end: '2027-10-19T18:30' }
    const inItalian = await team.post('/bookings', booking)
    const inEnglish = await team.post('/bookings', booking, english)
    expect([inItalian.status, inEnglish.status]).toEqual([409, 409])
    expect(inItalian.body.detail).toBe('Lo spazio non è prenotabile in quell’orario.')
    expect(inEnglish.body.detail).toBe('The space cannot be booked at that time.')
    const duration = (res: typeof inItalian) => res.body.conflicts.find((c: { reason: string }) => c.reason === 'duration').detail
    expect(duration(inItalian)).toBe('La durata deve essere tra 60 e 1440 minuti.')
    expect(duration(inEnglish)).toBe('The duration must be between 60 and 1,440 minutes.')
  })

  it('come from the error handler too (a body over 1 MiB, malformed JSON)', async () => {
    const raw = { raw: '{"email":', headers: { 'Content-Type': 'application/json', 'Accept-Language': 'en' } }
    const res = await ctx.anonymous.post('/auth/login', undefined, raw)
    expect(res.body).toMatchObject({ type: `${TYPE}malformed-json`, title: 'Malformed JSON body', detail: 'The body is not valid JSON.' })
    const inItalian = await ctx.anonymous.post('/auth/login', undefined, {
      raw: '{"email":',
      headers: { 'Content-Type': 'application/json' },
    })
    expect(inItalian.body).toMatchObject({ type: `${TYPE}malformed-json`, title: 'JSON non valido', detail: 'Il corpo non è JSON valido.' })
  })
})

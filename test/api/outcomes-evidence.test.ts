import { afterAll, beforeAll, expect, it } from 'vitest'
import { PDF } from '../helpers/calls.ts'
import { createTestContext, type TestContext } from '../helpers/context.ts'

let ctx: TestContext
beforeAll(async () => {
  ctx = await createTestContext()
})
afterAll(() => ctx?.close())

/** A 1×1 PNG and the start of a JPEG (JFIF): real images by their content. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')
const JPEG = Buffer.concat([Buffer.from('ffd8ffe000104a46494600010100000100010000', 'hex'), Buffer.alloc(64), Buffer.from('ffd9', 'hex')])

async function upload(
  cookie: string | undefined,
  reportId: string,
  content: Buffer,
  filename: string,
  contentType = 'application/octet-stream',
) {
  const res = await ctx.app.request(
    `http://localhost:8080/api/v1/progress-reports/${reportId}/evidence?filename=${encodeURIComponent(filename)}`,
    { method: 'POST', headers: { 'Content-Type': contentType, ...(cookie ? { Cookie: cookie } : {}) }, body: new Uint8Array(content) },
  )
  const text = await res.text()
  return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers }
}

async function raw(cookie: string | undefined, path: string) {
  const res = await ctx.app.request(`http://localhost:8080/api/v1${path}`, { headers: cookie ? { Cookie: cookie } : {} })
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) }
}

/** A team working in a hub, with a member and the hub's operator; another team in another hub. */
async function teamInHub() {
  const hub = await ctx.make.hub()
  const team = await ctx.make.team()
  await ctx.make.grant({ team_id: team.id, hub_id: hub.id })
  const { user } = await ctx.make.member(team.id)
  return { hub, team, member: await ctx.as(user), operator: await ctx.as((await ctx.make.operatorStaff(hub.id)).user) }
}

it('a team attaches PDFs and images to its report; the reviewers read them; no other team ever does', async () => {
  const p = await teamInHub()
  const other = await teamInHub()
  const admin = await ctx.as(await ctx.make.admin())
  const report = await p.member.post(`/teams/${p.team.id}/progress-reports`, {
    from: '2026-07-01',
    to: '2026-10-01',
    narrative: 'Il trimestre.',
  })
  expect(report.status).toBe(201)
  const id = report.body.id as string

  // the type is read from the content, whatever the name or the declared type
  const pdf = await upload(p.member.cookie, id, PDF, 'registro presenze.pdf', 'application/pdf')
  expect(pdf.status).toBe(201)
  expect(pdf.body).toMatchObject({ filename: 'registro presenze.pdf', contentType: 'application/pdf', sizeBytes: PDF.byteLength })
  expect((await upload(p.member.cookie, id, PNG, 'foto.png')).body.contentType).toBe('image/png')
  expect((await upload(p.member.cookie, id, JPEG, 'locandina.pdf', 'application/pdf')).body.contentType).toBe('image/jpeg')
  const fake = await upload(p.member.cookie, id, Buffer.from('<html><script>alert(1)</script></html>'), 'foto.png', 'image/png')
  expect(fake.status).toBe(415)
  expect(fake.body.type).toContain('unsupported')
  expect((await upload(p.member.cookie, id, Buffer.alloc(0), 'vuoto.pdf')).status).toBe(415)
  const big = await upload(p.member.cookie, id, Buffer.concat([PDF, Buffer.alloc(5 * 1024 * 1024)]), 'grande.pdf')
  expect(big.status).toBe(413)
  expect((await upload(p.member.cookie, id, PDF, '../x.pdf')).status).toBe(400)

  // the team and the reviewers list and download; the report's view carries the list too
  for (const reader of [p.member, p.operator, admin]) {
    const list = await reader.get(`/progress-reports/${id}/evidence`)
    expect(list.status).toBe(200)
    expect(list.body.map((e: { filename: string }) => e.filename)).toEqual(['registro presenze.pdf', 'foto.png', 'locandina.pdf'])
  }
  expect((await p.operator.get(`/progress-reports/${id}`)).body.evidence).toHaveLength(3)
  const file = await raw(p.operator.cookie, `/progress-reports/${id}/evidence/${pdf.body.id}`)
  expect(file.status).toBe(200)
  expect(file.bytes.equals(PDF)).toBe(true)
  expect(file.headers.get('content-type')).toBe('application/pdf')
  expect(file.headers.get('content-disposition')).toContain('attachment')
  expect(file.headers.get('x-content-type-options')).toBe('nosniff')

  // another team, another hub's operator, an outsider: 404 everywhere; signed out: 401
  for (const stranger of [other.member, other.operator]) {
    expect((await stranger.get(`/progress-reports/${id}/evidence`)).status).toBe(404)
    expect((await raw(stranger.cookie, `/progress-reports/${id}/evidence/${pdf.body.id}`)).status).toBe(404)
    expect((await upload(stranger.cookie, id, PDF, 'x.pdf')).status).toBe(404)
    expect((await stranger.delete(`/progress-reports/${id}/evidence/${pdf.body.id}`)).status).toBe(404)
  }
  expect((await raw(undefined, `/progress-reports/${id}/evidence/${pdf.body.id}`)).status).toBe(401)
  // another report's file id through this report: 404
  const otherReport = await other.member.post(`/teams/${other.team.id}/progress-reports`, {
    from: '2026-07-01',
    to: '2026-10-01',
    narrative: 'Altro.',
  })
  const otherFile = await upload(other.member.cookie, otherReport.body.id, PNG, 'altro.png')
  expect((await raw(p.member.cookie, `/progress-reports/${id}/evidence/${otherFile.body.id}`)).status).toBe(404)

  // reviewers read but do not add; the team removes a wrong file while the report awaits review
  expect((await upload(p.operator.cookie, id, PDF, 'x.pdf')).status).toBe(403)
  const jpeg = (await p.member.get(`/progress-reports/${id}/evidence`)).body[2]
  expect((await p.member.delete(`/progress-reports/${id}/evidence/${jpeg.id}`)).status).toBe(204)
  expect((await p.member.get(`/progress-reports/${id}/evidence`)).body).toHaveLength(2)

  // once reviewed, the evidence is fixed
  expect((await p.operator.post(`/progress-reports/${id}/accept`)).status).toBe(200)
  const late = await upload(p.member.cookie, id, PDF, 'tardi.pdf')
  expect(late.status).toBe(409)
  expect(late.body.reason).toBe('already_reviewed')
  expect((await p.member.delete(`/progress-reports/${id}/evidence/${pdf.body.id}`)).status).toBe(409)
  expect((await raw(p.member.cookie, `/progress-reports/${id}/evidence/${pdf.body.id}`)).status).toBe(200)

  const stored = await ctx.db
    .selectFrom('progress_report_evidence')
    .select(['sha256', 'size_bytes'])
    .where('id', '=', pdf.body.id)
    .executeTakeFirstOrThrow()
  expect(stored.size_bytes).toBe(PDF.byteLength)
  expect(stored.sha256).toMatch(/^[0-9a-f]{64}$/)
  expect(ctx.errors).toEqual([])
})

it('a report holds at most ten files', async () => {
  const p = await teamInHub()
  const report = await p.member.post(`/teams/${p.team.id}/progress-reports`, {
    from: '2026-01-01',
    to: '2026-04-01',
    narrative: 'Il trimestre.',
  })
  for (let i = 0; i < 10; i++) expect((await upload(p.member.cookie, report.body.id, PNG, `foto-${i}.png`)).status).toBe(201)
  const eleventh = await upload(p.member.cookie, report.body.id, PNG, 'foto-10.png')
  expect(eleventh.status).toBe(409)
  expect(eleventh.body.reason).toBe('too_many_files')
})

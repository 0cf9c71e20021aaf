import fs from 'node:fs'
import path from 'node:path'
import { sql } from 'kysely'
import type { Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { connectDatabase } from '../../db/connect.ts'
import { DEMO, signIn } from '../helpers/browser.ts'
import { desktopAndPhone, useServerAndBrowser } from './harness.ts'

/**
 * Issue 16's "Done when", in the browser: the programme's dashboard, as the Comune sees it, shows the figures
 * the API gives and a direct computation on the data gives; the public transparency page lists every award and
 * no natural person's name (an informal group appears under its project's title).
 */

const e2e = useServerAndBrowser()

const eur = (cents: number) => new Intl.NumberFormat('it-IT', { style: 'currency', currency: 'EUR' }).format(cents / 100)
const num = (n: number) => new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }).format(n)
/** Text with every kind of space (Intl's narrow and no-break ones) as one plain space. */
const plain = (s: string | null) => (s ?? '').replace(/\s+/g, ' ').trim()

interface Figures {
  projects: number
  fundingCommittedCents: number
  fundingPaidCents: number
  hoursGranted: number
  hoursBooked: number
  hoursUsed: number
  events: number
  participants: number
}
const cells = (f: Figures) =>
  [
    String(f.projects),
    eur(f.fundingCommittedCents),
    eur(f.fundingPaidCents),
    num(f.hoursGranted),
    num(f.hoursBooked),
    num(f.hoursUsed),
    String(f.participants),
  ].map(plain)

/** The cells (not the row header) of a table's row, as shown. */
async function rowCells(page: Page, caption: string, rowHeader: string | RegExp): Promise<string[]> {
  const table = page.locator('table', { has: page.locator('caption', { hasText: caption }) })
  const row = table.locator('tbody tr', { has: page.locator('th[scope="row"]', { hasText: rowHeader }) })
  await row.first().waitFor()
  expect(await row.count(), `${caption}: ${rowHeader}`).toBe(1)
  return (await row.locator('td').allTextContents()).map(plain)
}

/** Waits for the server's node process (beneath npx) to let go of its embedded database. */
async function untilReleased(pgliteDir: string) {
  const lock = `${pgliteDir}.lock`
  const alive = (pid: number) => {
    try {
      process.kill(pid, 0)
      return true
    } catch {
      return false
    }
  }
  for (let i = 0; i < 200 && fs.existsSync(lock) && alive(Number(fs.readFileSync(lock, 'utf8'))); i++)
    await new Promise((r) => setTimeout(r, 100))
}

it('the dashboard shows the figures of the data; the transparency page every award and no person’s name', async () => {
  const year = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Rome', year: 'numeric' }).format(new Date()))
  const from = `${year}-01-01`
  const to = `${year + 1}-01-01`

  // the Comune opens its dashboard for this year
  const { page: admin } = await e2e.newPage()
  await signIn(admin, DEMO.admin)
  await admin.goto('/programme')
  await admin.getByRole('heading', { name: 'Cruscotto del programma' }).waitFor()
  await admin.locator('caption', { hasText: 'Per bando' }).waitFor()
  const api = await admin.request.get(`/api/v1/reports/programme?from=${from}&to=${to}`)
  expect(api.status()).toBe(200)
  const d = (await api.json()) as {
    calls: Array<Figures & { title: string }>
    areas: Array<Figures & { name: string; nilId: number; municipio: number; participantsByCategory: Record<string, number> }>
    projects: Array<Figures & { teamName: string }>
    trend: Array<{ month: string; hoursUsed: number; participants: number }>
    totals: Figures
  }
  const known = (await (await admin.request.get('/api/v1/participant-categories')).json()) as Array<{ key: string; labelIt: string }>
  expect(d.calls.length).toBeGreaterThan(0)
  // the hours granted to the projects are counted in the areas of the hubs they were granted in
  expect(d.areas.reduce((s, a) => s + a.hoursGranted, 0)).toBeGreaterThan(0)
  expect(d.totals.projects).toBeGreaterThan(0)
  expect(d.totals.hoursUsed).toBeGreaterThan(0)

  // every figure shown is the API's: per call and in total, per area (with its NIL and municipio), per project, per month
  for (const c of d.calls) expect(await rowCells(admin, 'Per bando', c.title)).toEqual(cells(c))
  expect(await rowCells(admin, 'Per bando', 'In sintesi')).toEqual(cells(d.totals))
  const areaRows = admin.locator('table', { has: admin.locator('caption', { hasText: 'Per quartiere (NIL)' }) }).locator('tbody tr')
  expect(await areaRows.count()).toBe(d.areas.length)
  for (const a of d.areas) {
    const shown = await rowCells(admin, 'Per quartiere (NIL)', `${a.name} (NIL ${a.nilId}, Mun. ${a.municipio})`)
    expect(shown.slice(0, 7)).toEqual(cells(a))
    // participants by category, under the categories' Italian names
    for (const [key, n] of Object.entries(a.participantsByCategory)) {
      const label = known.find((c) => c.key === key)?.labelIt
      expect(label, key).toBeTruthy()
      expect(shown[7]).toContain(`${label}: ${n}`)
    }
  }
  for (const p of d.projects) {
    const shown = await rowCells(admin, 'Per progetto', p.teamName)
    expect(shown.slice(0, 7)).toEqual(cells(p))
  }
  for (const m of d.trend)
    expect(await rowCells(admin, 'Andamento', m.month)).toEqual([num(m.hoursUsed), String(m.participants)].map(plain))
  // the programme's identity, for the printed report
  const identity = plain(await admin.locator('section[aria-labelledby="identity-heading"]').textContent())
  expect(identity).toContain('CUP B49D16010990006')
  expect(identity).toContain('MI3.3.1.d')
  await desktopAndPhone(admin, 'programme-dashboard')

  // the Comune enters the person responsible and this year's money outside the calls; the yearly report adds the calls'
  await admin.getByText(`Aggiorna i dati del programma per il ${year}`).click()
  await admin.getByLabel('Responsabile del procedimento', { exact: true }).fill('Dott.ssa Paola Responsabile')
  await admin.getByLabel(`Programmato ${year} (€)`).fill('800000')
  await admin.getByLabel(`Impegnato fuori dai bandi ${year} (€)`).fill('130000.50')
  await admin.getByLabel(`Pagato fuori dai bandi ${year} (€)`).fill('110000')
  await admin.getByRole('button', { name: 'Salva i dati del programma' }).click()
  await admin.getByText('Dati del programma salvati.').waitFor()
  const programme = (await (await admin.request.get('/api/v1/programme')).json()) as {
    responsiblePerson: string
    years: Array<{
      year: number
      programmedCents: number
      committedCents: number
      paidCents: number
      totalCommittedCents: number
      totalPaidCents: number
    }>
  }
  const thisYear = programme.years.find((y) => y.year === year)!
  expect(programme.responsiblePerson).toBe('Dott.ssa Paola Responsabile')
  expect(thisYear).toMatchObject({ programmedCents: 80_000_000, committedCents: 13_000_050, paidCents: 11_000_000 })
  await admin.locator('section[aria-labelledby="identity-heading"]', { hasText: 'Dott.ssa Paola Responsabile' }).waitFor()
  const yearRow = await rowCells(admin, 'Avanzamento finanziario', String(year))
  expect(yearRow.slice(0, 3)).toEqual([eur(80_000_000), eur(thisYear.totalCommittedCents), eur(thisYear.totalPaidCents)].map(plain))
  await desktopAndPhone(admin, 'programme-figures-entered')

  // anyone, signed in or not, reads the transparency page and its open data
  const { page: visitor } = await e2e.newPage()
  await visitor.goto('/trasparenza')
  await visitor.getByRole('heading', { name: 'Trasparenza: vantaggi economici concessi' }).waitFor()
  const benefitsRes = await visitor.request.get('/api/v1/open-data/benefits.json')
  expect(benefitsRes.status()).toBe(200)
  const benefits = (await benefitsRes.json()) as Array<{
    awardId: string
    beneficiary: string
    taxCode: string | null
    amountCents: number
  }>
  const csv = await (await visitor.request.get('/api/v1/open-data/benefits.csv')).text()
  await visitor.locator(`tr[id="${benefits[0].awardId}"]`).waitFor()
  const shownAwards = await visitor.locator('tbody tr[id]').evaluateAll((rows) => rows.map((r) => r.id))
  expect(shownAwards.sort()).toEqual(benefits.map((b) => b.awardId).sort())
  for (const b of benefits) {
    const row = plain(await visitor.locator(`tr[id="${b.awardId}"]`).textContent())
    expect(row).toContain(plain(b.beneficiary))
    expect(row).toContain(plain(eur(b.amountCents)))
    expect(row).toContain(b.taxCode ?? '—')
    expect(row).toMatch(/NIL \d+\), Municipio \d/)
    expect(row).toContain('Dott.ssa Paola Responsabile')
  }
  // the data dictionary describes every column of the open data
  const dictionary = plain(await visitor.locator('#dizionario').textContent())
  for (const column of csv.split('\r\n')[0].split(';')) expect(dictionary).toContain(column)
  const pageText = plain(await visitor.locator('main').textContent())
  await desktopAndPhone(visitor, 'transparency')

  // the direct computation, on the server's own database once it has stopped
  const dataDir = e2e.server.dataDir
  await e2e.server.stop({ keepData: true })
  await untilReleased(path.join(dataDir, 'pglite'))
  const handle = await connectDatabase({ pgliteDataDir: path.join(dataDir, 'pglite') })
  try {
    const { db } = handle
    const money = await sql<{ committed: number; paid: number; projects: number }>`
      select coalesce(sum(a.funding_cents), 0)::bigint as committed, count(distinct (a.team_id, a.call_id))::int as projects,
             coalesce((select sum(t.amount_cents) from award_tranches t join awards x on x.id = t.award_id join calls y on y.id = x.call_id
                       where t.status = 'paid' and x.status <> 'revoked' and y.status <> 'draft'), 0)::bigint as paid
      from awards a join calls c on c.id = a.call_id
      where a.status <> 'revoked' and c.status <> 'draft'`.execute(db)
    const used = await sql<{ secs: number; people: number }>`
      select coalesce(sum(extract(epoch from upper(b.during) - lower(b.during))), 0)::bigint as secs, coalesce(sum(b.participants), 0)::bigint as people
      from bookings b join labs l on l.id = b.lab_id join hubs h on h.id = l.hub_id
      where b.status = 'completed'
        and b.team_id in (select a.team_id from awards a join calls c on c.id = a.call_id where a.status <> 'revoked' and c.status <> 'draft')
        and (lower(b.during) at time zone h.timezone)::date >= ${from}::date and (lower(b.during) at time zone h.timezone)::date < ${to}::date`.execute(
      db,
    )
    const direct = {
      projects: money.rows[0].projects,
      fundingCommittedCents: Number(money.rows[0].committed),
      fundingPaidCents: Number(money.rows[0].paid),
      hoursUsed: Math.round((Number(used.rows[0].secs) / 3600) * 100) / 100,
      participants: Number(used.rows[0].people),
    }
    expect(d.totals).toMatchObject(direct)

    // every award is published, and no promoter of an informal group (nor any applicant) is named
    const awards = await db.selectFrom('awards').select('id').execute()
    expect(shownAwards.sort()).toEqual(awards.map((a) => a.id).sort())
    const people = await sql<{ name: string }>`
      select distinct u.name from users u
      where u.id in (select tm.user_id from team_members tm join teams t on t.id = tm.team_id where t.legal_status = 'informal')
         or u.id in (select applicant_user_id from applications)`.execute(db)
    expect(people.rows.length).toBeGreaterThan(0)
    const published = `${pageText}\n${csv}\n${JSON.stringify(benefits)}`
    for (const { name } of people.rows) expect(published, name).not.toContain(name)
  } finally {
    await handle.close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
}, 300_000)

import { DateTime } from 'luxon'
import type { Locator } from 'playwright-core'
import { expect, it } from 'vitest'
import { DEMO, signIn } from '../helpers/browser.ts'
import { desktopAndPhone, useServerAndBrowser } from './harness.ts'

/**
 * Certifications in the browser: the Comune configures a kind, an operator records a team's certificate that
 * lapses soon and finds it in the list of certificates expiring in its hubs, the team reads its certificates.
 */

const e2e = useServerAndBrowser()

/** Ticks a checkbox by its label (Bootstrap Italia draws the box on the label, which takes the pointer). */
async function tick(input: Locator) {
  const id = await input.getAttribute('id')
  await input.page().locator(`label[for="${id}"]`).click()
  await expect.poll(() => input.isChecked()).toBe(true)
}

const cells = async (row: Locator) => (await row.locator('td').allTextContents()).map((c) => c.replace(/\s+/g, ' ').trim())

it('the Comune configures a kind, an operator records a certificate and sees it lapsing, the team reads it', async () => {
  const stamp = Date.now().toString(36)
  const kind = `HACCP ${stamp}`

  // the Comune: a kind for professional kitchens, valid 24 months by default
  const { page: admin } = await e2e.newPage()
  await signIn(admin, DEMO.admin)
  await admin.goto('/admin?tab=certification-kinds')
  await admin.getByRole('heading', { name: 'Nuovo tipo di attestato' }).waitFor()
  await admin.locator('#kind-name').fill(kind)
  await admin.getByLabel('Validità (mesi)').fill('24')
  await tick(admin.locator('#kind-lab-kitchen'))
  await admin.getByRole('button', { name: 'Aggiungi il tipo' }).click()
  const kindRow = admin.locator('tr', { hasText: kind })
  await kindRow.waitFor()
  expect(await cells(kindRow)).toEqual([kind, 'Cucina', '24 mesi', 'Modifica'])
  const kinds = (await (await admin.request.get('/api/v1/certification-kinds')).json()) as Array<{
    name: string
    enables: unknown
    validityMonths: number
  }>
  expect(kinds.find((k) => k.name === kind)).toMatchObject({ enables: { labTypes: ['kitchen'], equipmentTypeIds: [] }, validityMonths: 24 })
  await desktopAndPhone(admin, 'certification-kinds')
  const teams = (await (await admin.request.get('/api/v1/teams?limit=1000')).json()) as Array<{ id: string; name: string }>
  const team = teams.find((t) => t.name.includes('Cucine Aperte'))!

  // an operator records the team's certificate, obtained two years ago less 20 days: it lapses in 20 days
  const { page: operator } = await e2e.newPage()
  await signIn(operator, DEMO.operator)
  await operator.goto(`/certifications?team=${team.id}`)
  await operator.getByRole('heading', { name: 'Registra un attestato (nuovo o rinnovato)' }).waitFor()
  const obtained = DateTime.now().setZone('Europe/Rome').minus({ months: 24 }).plus({ days: 20 }).toISODate()!
  await operator.getByLabel('Tipo di attestato').selectOption({ label: kind })
  await operator.getByText('Se vuoto: 24 mesi dal conseguimento.').waitFor()
  await operator.getByLabel('Persona').fill('Sara Esposito')
  await operator.getByLabel('Conseguito il').fill(obtained)
  await operator.getByRole('button', { name: 'Registra l’attestato' }).click()
  await operator.getByText('Attestato registrato').waitFor()
  const held = operator.locator('section', { hasText: 'Attestati di' }).locator('tr', { hasText: kind })
  await held.waitFor()
  expect((await cells(held)).slice(0, 2)).toEqual([kind, 'Sara Esposito'])
  expect(await cells(held)).toContain('In scadenza')

  // it is in the operator's list of certificates lapsing in its hubs, within 30 days too
  await operator.getByLabel('Scadono entro').selectOption('30')
  const lapsing = operator.locator('section', { hasText: 'Attestati in scadenza' }).locator('tr', { hasText: kind })
  await lapsing.waitFor()
  expect((await cells(lapsing)).slice(0, 3)).toEqual([team.name, kind, 'Sara Esposito'])
  await desktopAndPhone(operator, 'certifications-operator')

  // the team reads its certificates (no form, no remove)
  const { page: member } = await e2e.newPage()
  await signIn(member, DEMO.team)
  await member.goto('/certifications')
  const mine = member.locator('tr', { hasText: kind })
  await mine.waitFor()
  expect(await cells(mine)).toEqual([kind, 'Sara Esposito', expect.any(String), expect.any(String), 'In scadenza'])
  expect(await member.getByRole('button', { name: 'Registra l’attestato' }).count()).toBe(0)
  await desktopAndPhone(member, 'certifications-team')

  // the operator removes it (recorded by mistake): it leaves the team's list
  await operator.getByRole('button', { name: `Rimuovi l’attestato ${kind} di Sara Esposito` }).click()
  await operator.getByText('Attestato rimosso').waitFor()
  await expect.poll(() => held.count()).toBe(0)
}, 300_000)

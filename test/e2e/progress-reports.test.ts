import path from 'node:path'
import type { Locator, Page } from 'playwright-core'
import { expect, it } from 'vitest'
import { DEMO, SCREENSHOT_DIR, signIn } from '../helpers/browser.ts'
import { PDF } from '../helpers/calls.ts'
import { desktopAndPhone, useServerAndBrowser } from './harness.ts'

/**
 * Issue 16's "Done when", in the browser: a team's quarterly report, with evidence, is sent back with a
 * comment by the reviewer (the Comune), resubmitted and accepted.
 */

const e2e = useServerAndBrowser()

const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64')

/** The team's history entry for a narrative. */
const historyItem = (page: Page, narrative: string): Locator =>
  page.locator('section[aria-labelledby="history-heading"] li.card', { hasText: narrative })
const queueItem = (page: Page, narrative: string): Locator => page.locator('li.card', { hasText: narrative })

it('a quarterly report is submitted with evidence, sent back with a comment, resubmitted and accepted', async () => {
  const stamp = Date.now().toString(36)
  const first = `Tre laboratori di orto in cassetta con le scuole (${stamp}).`
  const second = `Tre laboratori di orto in cassetta con le scuole, 41 ragazzi in tutto (${stamp}).`

  // the team writes its report for the last quarter, with an attendance sheet and a photo
  const { page: team } = await e2e.newPage()
  await signIn(team, DEMO.team)
  await team.goto('/progress-reports')
  await team.getByRole('heading', { name: 'Nuova relazione' }).waitFor()
  await team.getByLabel('Giovani').fill('25')
  await team.getByLabel('Donne').fill('18')
  await team.getByLabel('Cosa è successo nel periodo').fill(first)
  // the evidence field speaks Italian whatever the browser's language (components/FileInput.tsx), and names what is chosen
  const evidence = team.locator('#report-evidence')
  const chosen = team.locator('#report-evidence-chosen')
  expect(await team.locator('label[for="report-evidence"]', { hasText: 'Scegli i file' }).isVisible()).toBe(true)
  expect(await chosen.textContent()).toBe('Nessun file scelto')
  expect((await evidence.getAttribute('aria-describedby'))?.split(' ')).toEqual(['report-evidence-hint', 'report-evidence-chosen'])
  await evidence.setInputFiles([
    { name: 'registro-presenze.pdf', mimeType: 'application/pdf', buffer: PDF },
    { name: 'foto-laboratorio.png', mimeType: 'image/png', buffer: PNG },
  ])
  expect(await chosen.textContent()).toBe('2 file scelti: registro-presenze.pdf, foto-laboratorio.png')
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await team.setViewportSize({ width, height })
    await evidence.scrollIntoViewIfNeeded()
    await team.screenshot({ path: path.join(SCREENSHOT_DIR, `progress-report-files-chosen-${width}.png`) })
  }
  await team.setViewportSize({ width: 1366, height: 900 })
  await team.getByRole('button', { name: 'Invia la relazione' }).click()
  await team.getByText('Relazione inviata').waitFor()
  const sent = historyItem(team, first)
  await sent.getByRole('link', { name: 'foto-laboratorio.png' }).waitFor()
  // sent: the field is emptied
  expect(await chosen.textContent()).toBe('Nessun file scelto')
  // a report awaiting review takes more evidence through the same Italian field
  const more = sent.getByLabel('Aggiungi documentazione')
  const moreId = await more.getAttribute('id')
  expect(await team.locator(`#${moreId}-chosen`).textContent()).toBe('Nessun file scelto')
  expect(await sent.locator(`label[for="${moreId}"]`, { hasText: 'Scegli i file' }).isVisible()).toBe(true)
  expect(await sent.textContent()).toContain('Da valutare')
  expect(await sent.getByRole('link', { name: 'registro-presenze.pdf' }).count()).toBe(1)
  await desktopAndPhone(team, 'progress-report-submitted')

  // while it awaits review the team adds a file to it: the upload is held until the field is seen disabled
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  const evidenceUpload = /\/progress-reports\/[^/]+\/evidence(\?|$)/
  await team.route(evidenceUpload, async (r) => {
    if (r.request().method() === 'POST') await released
    await r.fallback()
  })
  // the page stays as it is meanwhile: no loading line at any moment, the same card (its field, its messages)
  await team.evaluate(() => {
    const w = window as unknown as { sawLoading: boolean }
    w.sawLoading = false
    const look = () => {
      if (document.body.textContent?.includes('Caricamento in corso')) w.sawLoading = true
    }
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const card = await sent.elementHandle()
  await more.focus()
  await more.setInputFiles([{ name: 'locandina.pdf', mimeType: 'application/pdf', buffer: PDF }])
  await expect.poll(() => more.isDisabled()).toBe(true)
  expect(await team.locator(`#${moreId}-chosen`).textContent()).toBe('locandina.pdf')
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await team.setViewportSize({ width, height })
    await sent.scrollIntoViewIfNeeded()
    await team.screenshot({ path: path.join(SCREENSHOT_DIR, `progress-report-evidence-pending-${width}.png`) })
  }
  release()
  await sent.getByRole('link', { name: 'locandina.pdf' }).waitFor()
  await sent.getByText('Documentazione aggiunta.').waitFor()
  await team.unroute(evidenceUpload)
  expect(await sent.getByRole('link', { name: 'registro-presenze.pdf' }).count()).toBe(1)
  expect(await more.isEnabled()).toBe(true)
  expect(await team.locator(`#${moreId}-chosen`).textContent()).toBe('Nessun file scelto')
  expect(await card!.evaluate((el) => el.isConnected)).toBe(true)
  // the focus is back on the field that was used, ready for another file
  expect(await team.evaluate(() => document.activeElement?.id)).toBe(moreId)
  expect(await team.evaluate(() => (window as unknown as { sawLoading: boolean }).sawLoading)).toBe(false)
  const stored = await (await team.request.get(`/api/v1/progress-reports/${moreId!.replace('evidence-', '')}/evidence`)).json()
  expect(stored.map((e: { filename: string }) => e.filename).sort()).toEqual([
    'foto-laboratorio.png',
    'locandina.pdf',
    'registro-presenze.pdf',
  ])
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await team.setViewportSize({ width, height })
    await sent.scrollIntoViewIfNeeded()
    await team.screenshot({ path: path.join(SCREENSHOT_DIR, `progress-report-evidence-added-${width}.png`) })
  }
  await team.setViewportSize({ width: 1366, height: 900 })

  // the Comune reviews: reads the evidence, sends the report back with a comment
  const { page: admin } = await e2e.newPage()
  await signIn(admin, DEMO.admin)
  await admin.goto('/progress-reports')
  await admin.getByRole('heading', { name: 'Relazioni da valutare' }).waitFor()
  const item = queueItem(admin, first)
  await item.waitFor()
  const link = item.getByRole('link', { name: 'registro-presenze.pdf' })
  const file = await admin.request.get((await link.getAttribute('href')) as string)
  expect(file.status()).toBe(200)
  expect(Buffer.from(await file.body()).equals(PDF)).toBe(true)
  expect(file.headers()['content-disposition']).toContain('attachment')
  await item.getByRole('button', { name: 'Rimanda con un commento' }).click()
  await item.getByLabel('Commento per il gruppo').fill('Manca il numero totale dei ragazzi: aggiungetelo al racconto.')
  await desktopAndPhone(admin, 'progress-report-review')
  await item.locator('form').getByRole('button', { name: 'Rimanda con un commento' }).click()
  await admin.getByText('Relazione rimandata al gruppo.').waitFor()

  // the team reads the comment and submits the period again, with the photo
  await team.reload()
  const returned = historyItem(team, first)
  await returned.getByText('Manca il numero totale dei ragazzi').waitFor()
  expect(await returned.textContent()).toContain('Da rivedere')
  await team.getByLabel('Giovani').fill('25')
  await team.getByLabel('Cosa è successo nel periodo').fill(second)
  await team.locator('#report-evidence').setInputFiles([{ name: 'foto-laboratorio.png', mimeType: 'image/png', buffer: PNG }])
  await team.getByRole('button', { name: 'Invia la relazione' }).click()
  await team.getByText('Relazione inviata').waitFor()
  await historyItem(team, second).getByRole('link', { name: 'foto-laboratorio.png' }).waitFor()
  await desktopAndPhone(team, 'progress-report-resubmitted')

  // the Comune accepts it; the team sees it accepted
  await admin.goto('/progress-reports')
  const again = queueItem(admin, second)
  await again.waitFor()
  expect(await queueItem(admin, first).count()).toBe(0)
  await again.getByRole('button', { name: 'Accetta' }).click()
  await admin.getByText('Relazione accettata.').waitFor()
  await team.reload()
  const accepted = historyItem(team, second)
  await accepted.waitFor()
  expect(await accepted.textContent()).toContain('Accettata')
  // once reviewed, its files are fixed: no more «Aggiungi documentazione» on it
  expect(await accepted.getByLabel('Aggiungi documentazione').count()).toBe(0)
  await desktopAndPhone(team, 'progress-report-accepted')
}, 300_000)

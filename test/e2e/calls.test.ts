import path from 'node:path'
import { expect, it } from 'vitest'
import { DEMO, SCREENSHOT_DIR, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { PDF } from '../helpers/calls.ts'
import { useServerAndBrowser } from './harness.ts'

/** The call in the browser: an open call is public, a group applies, drafts save as it goes, it submits. */

const e2e = useServerAndBrowser()

const iso = (ms: number) => new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', '+00:00')

it('a group finds the open call, applies, and gets its protocol number; the Comune checks admissibility', async () => {
  const admin = await e2e.newPage()
  await signIn(admin.page, DEMO.admin)
  const created = await admin.page.request.post('/api/v1/calls', {
    data: {
      title: 'Quartieri in comune 2027',
      description:
        'Il Comune invita enti non profit e gruppi informali a proporre progetti di innovazione sociale nei quartieri prioritari.',
      opensAt: iso(-3_600_000),
      closesAt: iso(30 * 86_400_000),
      budgetCents: 30_000_000,
      maxFundingCents: 2_500_000,
      applicantTypes: ['informal', 'association', 'cooperative'],
      requiredDocuments: ['progetto'],
      criteria: [
        { name: 'Impatto sociale', weight: 3, maxScore: 10 },
        { name: 'Fattibilità', weight: 2, maxScore: 10 },
        { name: 'Rete territoriale', weight: 1, maxScore: 5 },
      ],
    },
  })
  expect(created.status()).toBe(201)
  const call = await created.json()
  expect((await admin.page.request.patch(`/api/v1/calls/${call.id}`, { data: { status: 'open' } })).status()).toBe(200)

  for (const width of [1366, 390]) {
    const visitor = await e2e.newPage({ width })
    await visitor.page.goto('/calls')
    await expect.poll(() => visitor.page.getByRole('link', { name: 'Quartieri in comune 2027' }).count()).toBe(1)
    await screenshot(visitor.page, `calls-list-${width}`)
    await visitor.page.getByRole('link', { name: 'Quartieri in comune 2027' }).click()
    await visitor.page.getByRole('heading', { name: 'Quartieri in comune 2027' }).waitFor()
    expect(await visitor.page.getByText('Scadenza').count()).toBeGreaterThan(0)
    await screenshot(visitor.page, `call-page-${width}`)
    expect(await seriousViolations(visitor.page)).toEqual([])
    await visitor.context.close()
  }

  const team = await e2e.newPage()
  await signIn(team.page, DEMO.team)
  await team.page.goto(`/calls/${call.id}`)
  await team.page.getByRole('button', { name: 'Presenta una domanda' }).click()
  await team.page.waitForURL(/\/applications\//)
  const applicationId = team.page.url().split('/').pop()!
  await team.page.getByLabel('Titolo del progetto').fill('Cucine di quartiere')
  await team.page.getByLabel('Titolo del progetto').blur()
  await team.page.getByLabel('Natura giuridica').selectOption('association')
  await team.page.getByLabel('Nome dell’ente o del gruppo').fill('Associazione Cucine Aperte')
  await team.page.getByLabel('Nome dell’ente o del gruppo').blur()
  await team.page.getByLabel('Codice fiscale dell’ente').fill('97123450150')
  await team.page.getByLabel('Codice fiscale dell’ente').blur()
  await team.page.getByLabel('Sintesi').fill('Corsi di cucina per giovani e famiglie del quartiere.')
  await team.page.getByLabel('Sintesi').blur()
  // the lab's need is sent whole: the weeks saved after the hours keep the hours (each save's answer is the page's record)
  await team.page.getByLabel('Ore a settimana').fill('4')
  await team.page.getByLabel('Ore a settimana').blur()
  await team.page.getByLabel('Settimane', { exact: true }).fill('12')
  await team.page.getByLabel('Settimane', { exact: true }).blur()
  await expect
    .poll(async () => (await (await team.page.request.get(`/api/v1/applications/${applicationId}`)).json()).labNeeds[0])
    .toMatchObject({ hoursPerWeek: 4, weeks: 12 })
  await team.page.getByText('Bozza salvata').waitFor()
  // the file field speaks Italian whatever the browser's language: the real input is hidden but focusable, its
  // label is the button «Scegli un file», and the chosen file's name stands beside it (the field's description)
  const file = team.page.getByLabel('Carica un PDF')
  const chosen = team.page.locator('#f-file-chosen')
  expect(await chosen.textContent()).toBe('Nessun file scelto')
  expect(await chosen.getAttribute('aria-live')).toBe('polite')
  expect(await file.getAttribute('aria-describedby')).toContain('f-file-chosen')
  expect(await team.page.locator('label[for="f-file"]', { hasText: 'Scegli un file' }).isVisible()).toBe(true)
  expect((await file.boundingBox())?.width ?? 0).toBeLessThan(2)
  // the keyboard reaches the real input (Space or Enter there is the browser's own file chooser)…
  await team.page.locator('#f-kind').focus()
  await team.page.keyboard.press('Tab')
  expect(await team.page.evaluate(() => document.activeElement?.id)).toBe('f-file')
  expect(await file.evaluate((el) => (el as HTMLInputElement).type)).toBe('file')
  expect(await file.isEnabled()).toBe(true)
  // …and a click on the drawn button opens the chooser (a real mouse click: Playwright's filechooser event
  // follows a pointer gesture reliably, a key press on a visually hidden input did not always raise it)
  const [chooser] = await Promise.all([
    team.page.waitForEvent('filechooser'),
    team.page.locator('label.sc-file-button[for="f-file"]').click(),
  ])
  expect(chooser.isMultiple()).toBe(false)
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await team.page.setViewportSize({ width, height })
    await screenshot(team.page, `application-file-${width}`)
  }
  await team.page.setViewportSize({ width: 1366, height: 900 })
  // while the file is on its way its name is shown
  let release!: () => void
  const released = new Promise<void>((resolve) => {
    release = resolve
  })
  await team.page.route(/\/attachments(\?|$)/, async (r) => {
    await released
    await r.fallback()
  })
  // the form stays on the page through the upload and the list's update: a MutationObserver notes any moment
  // the loading line «Caricamento in corso…» is in the page (a flash between two polls would escape a poll)
  await team.page.evaluate(() => {
    const w = window as unknown as { sawLoading: boolean }
    w.sawLoading = false
    const look = () => {
      if (document.body.textContent?.includes('Caricamento in corso')) w.sawLoading = true
    }
    new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true })
  })
  const sawLoading = () => team.page.evaluate(() => (window as unknown as { sawLoading: boolean }).sawLoading)
  const title = await team.page.getByLabel('Titolo del progetto').elementHandle()
  await file.setInputFiles({ name: 'progetto.pdf', mimeType: 'application/pdf', buffer: PDF })
  await chosen.getByText('progetto.pdf').waitFor()
  await team.page.getByText('Invio di progetto.pdf…').waitFor()
  const attachments = team.page.getByRole('group', { name: 'Allegati (PDF, massimo 5 MiB)' })
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await team.page.setViewportSize({ width, height })
    await attachments.scrollIntoViewIfNeeded()
    await team.page.screenshot({ path: path.join(SCREENSHOT_DIR, `application-file-sending-${width}.png`) })
  }
  await team.page.setViewportSize({ width: 1366, height: 900 })
  // while the file is on its way the person goes on writing the title (not committed yet)
  await title!.focus()
  await team.page.keyboard.press('End')
  await team.page.keyboard.type(' al Giambellino')
  release()
  await attachments.getByRole('link', { name: 'progetto.pdf' }).waitFor()
  await team.page.getByText('progetto.pdf allegato.').waitFor()
  await team.page.unroute(/\/attachments(\?|$)/)
  // the same title field, with what was typed, still focused; no loading line ever
  expect(await title!.evaluate((el) => el.isConnected && el === document.getElementById('f-title'))).toBe(true)
  expect(await title!.evaluate((el) => (el as HTMLInputElement).value)).toBe('Cucine di quartiere al Giambellino')
  expect(await title!.evaluate((el) => el === document.activeElement)).toBe(true)
  expect(await sawLoading()).toBe(false)
  for (const [width, height] of [
    [1280, 800],
    [390, 844],
  ]) {
    await team.page.setViewportSize({ width, height })
    await attachments.scrollIntoViewIfNeeded()
    await team.page.screenshot({ path: path.join(SCREENSHOT_DIR, `application-file-uploaded-${width}.png`) })
  }
  await team.page.setViewportSize({ width: 1366, height: 900 })
  // a second file: still the same form, and both files listed
  await file.setInputFiles({ name: 'preventivo.pdf', mimeType: 'application/pdf', buffer: PDF })
  await attachments.getByRole('link', { name: 'preventivo.pdf' }).waitFor()
  expect(await attachments.getByRole('link', { name: 'progetto.pdf' }).count()).toBe(1)
  expect(await sawLoading()).toBe(false)
  await title!.evaluate((el) => (el as HTMLInputElement).blur())
  // the draft was saved as it went: the server has it
  await expect
    .poll(async () => (await (await team.page.request.get(`/api/v1/applications/${applicationId}`)).json()).title)
    .toBe('Cucine di quartiere al Giambellino')
  const draft = await (await team.page.request.get(`/api/v1/applications/${applicationId}`)).json()
  expect(draft).toMatchObject({ applicantType: 'association', taxCode: '97123450150', status: 'draft' })
  await screenshot(team.page, 'application-draft-1366')
  await team.page.setViewportSize({ width: 390, height: 844 })
  await screenshot(team.page, 'application-draft-390')
  await team.page.setViewportSize({ width: 1366, height: 900 })
  await team.page.getByRole('button', { name: 'Presenta la domanda' }).click()
  await team.page.getByText('Domanda presentata: protocollo n. 1').waitFor()
  await team.page.getByText('Presentata', { exact: true }).waitFor()
  await screenshot(team.page, 'application-submitted-1366')

  await admin.page.goto(`/applications/${applicationId}`)
  await admin.page.getByRole('heading', { name: 'Ammissibilità' }).waitFor()
  await admin.page.getByRole('button', { name: 'Ammetti' }).click()
  await admin.page.getByText('Ammessa alla valutazione').waitFor()
  await screenshot(admin.page, 'application-admin-1366')
  expect(await seriousViolations(admin.page)).toEqual([])
}, 240_000)

/**
 * Feedback on the staff pages (issue 12): opening hours typed as 24-hour Italian times in an American browser
 * and saved, said by the shared toast (no inline success line); the administration's forms are the shared
 * dialog, which gives the focus back to the button that opened it; the reports' heatmap on a phone is a
 * labelled, focusable scroll region that says it scrolls; a grant's dates are typed as dd/mm/yyyy in that browser too.
 */
import path from 'node:path'
import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, openPage, SCREENSHOT_DIR, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/** What the window shows (the helper's screenshots are of the whole page, too long to look at on a phone). */
const inView = (page: Page, name: string) => page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) })

const e2e = useServerAndBrowser()

describe('staff feedback', () => {
  it('opening hours are typed as 24-hour Italian times in an en-US browser, saved, and the toast says so', async () => {
    const { context, page } = await e2e.newPage({ width: 1366, locale: 'en-US', timezoneId: 'America/New_York' })
    await signIn(page, DEMO.operator)
    await openPage(page, '/operator?tab=hours')
    // Monday's first interval: no browser time picker (it would read 08:30 AM here), a text field in HH:mm
    const open = page.locator('#hours-1-0-open')
    const close = page.locator('#hours-1-0-close')
    await open.waitFor({ timeout: 30_000 })
    expect(await open.getAttribute('type')).toBe('text')
    expect(await open.inputValue()).toMatch(/^\d{2}:\d{2}$/)
    expect(await open.getAttribute('placeholder')).toBe('hh:mm')
    // one interval on Monday (the demo may have two: 8:30–19:30 would overlap the second)
    const monday = page.locator('fieldset.sc-hours-day').first()
    while ((await monday.locator('.sc-hours-interval').count()) > 1) {
      await monday
        .locator('.sc-hours-interval')
        .nth(1)
        .getByRole('button', { name: /^Togli la fascia/ })
        .click()
    }
    // typed the ways people type them: 8.30 and 1930
    await open.fill('8.30')
    await open.blur()
    expect(await open.inputValue()).toBe('08:30')
    await close.fill('1930')
    await close.blur()
    expect(await close.inputValue()).toBe('19:30')
    // an American time is not read as one: said under the field, and the week is not saved with it
    const tuesdayClose = await page.locator('#hours-2-0-close').inputValue()
    await page.locator('#hours-2-0-close').fill('7 PM')
    await page.locator('#hours-2-0-close').blur()
    await page
      .locator('#hours-2-0-close-format')
      .filter({ hasText: /ora non valida|non è un’ora|orario/i })
      .waitFor()
    await page.getByRole('button', { name: 'Salva gli orari' }).click()
    await page.getByRole('alert').filter({ hasText: 'Correggi le' }).waitFor()
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('hours-2-0-open')
    await page.locator('#hours-2-0-close').fill(tuesdayClose)
    await page.locator('#hours-2-0-close').blur()
    await page.getByRole('button', { name: 'Salva gli orari' }).click()
    // the shared toast, in the live region of every page, and no success line beside the form
    await page.getByRole('status').filter({ hasText: 'Orari salvati.' }).waitFor()
    expect(await page.locator('.sc-toast').last().textContent()).toContain('Orari salvati.')
    expect(await page.locator('main .alert-success').count()).toBe(0)
    await inView(page, 'staff-hours-saved-en-us-1366')
    expect(await seriousViolations(page)).toEqual([])
    // saved: the server has them, and the page reads them back as typed
    const hours = await page.evaluate(async () => {
      const hubs = (await (await fetch('/api/v1/hubs?limit=1000')).json()) as Array<{ id: string }>
      const all = await Promise.all(hubs.map(async (h) => (await fetch(`/api/v1/hubs/${h.id}/opening-hours`)).json()))
      return all.flat() as Array<{ weekday: number; open: string; close: string }>
    })
    expect(hours.some((r) => r.weekday === 1 && r.open.startsWith('08:30') && r.close.startsWith('19:30'))).toBe(true)
    await openPage(page, '/operator?tab=hours')
    await open.waitFor({ timeout: 30_000 })
    expect([await open.inputValue(), await close.inputValue()]).toEqual(['08:30', '19:30'])
    await page.setViewportSize({ width: 390, height: 844 })
    await open.scrollIntoViewIfNeeded()
    await inView(page, 'staff-hours-en-us-390')
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('an admin types a grant’s dates in Italian in an en-US browser (dd/mm/yyyy, no native date picker) and they are saved', async () => {
    const { context, page } = await e2e.newPage({ width: 1366, locale: 'en-US', timezoneId: 'America/New_York' })
    await signIn(page, DEMO.admin)
    const [team] = (await (await page.request.get('/api/v1/teams?limit=1')).json()) as Array<{ id: string; name: string }>
    await openPage(page, '/admin?tab=teams')
    await page.locator('#teams-q').fill(team.name)
    await page.locator('#teams-q').press('Enter')
    await page.getByRole('button', { name: `Membri e contributi ${team.name}` }).click()
    await page.getByRole('button', { name: 'Nuovo contributo' }).click()
    const dialog = page.getByRole('dialog')
    const reference = `Prova date ${Date.now()}`
    await dialog.getByLabel(/^Riferimento/).fill(reference)
    await dialog.getByLabel(/^Ore assegnate/).fill('12')
    const from = dialog.locator('#grant-from')
    expect(await from.getAttribute('type')).toBe('text')
    await from.fill('01/02/2027')
    await dialog.locator('#grant-to').fill('30/06/2027')
    await inView(page, 'staff-admin-grant-dates-1366')
    await page.setViewportSize({ width: 390, height: 844 })
    await from.scrollIntoViewIfNeeded()
    await inView(page, 'staff-admin-grant-dates-390')
    await dialog.getByRole('button', { name: 'Crea', exact: true }).click()
    await dialog.waitFor({ state: 'detached' })
    const grants = (await (await page.request.get(`/api/v1/teams/${team.id}/grants`)).json()) as Array<{
      reference: string
      from: string
      to: string
    }>
    expect(grants.find((g) => g.reference === reference)).toMatchObject({ from: '2027-02-01', to: '2027-06-30' })
    await context.close()
  })

  it('an admin form is the shared dialog: saving says so in the toast, the focus goes back to «Modifica»', async () => {
    const { context, page } = await e2e.newPage({ width: 1366 })
    await signIn(page, DEMO.admin)
    await openPage(page, '/admin?tab=users')
    const edit = page.locator('button[id^="user-edit-"]').first()
    await edit.waitFor({ timeout: 30_000 })
    const editId = await edit.getAttribute('id')
    // closing without saving: back on the button
    await edit.focus()
    await page.keyboard.press('Enter')
    const dialog = page.getByRole('dialog')
    await dialog.waitFor()
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(editId)
    // saving: the list is drawn again, the focus finds the row's «Modifica», the toast says it
    await page.keyboard.press('Enter')
    await dialog.waitFor()
    await dialog.getByRole('button', { name: 'Salva' }).click()
    await dialog.waitFor({ state: 'detached' })
    await page.getByRole('status').filter({ hasText: 'Modifiche salvate.' }).waitFor()
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe(editId)
    expect(await page.locator('main .alert-success').count()).toBe(0)
    // a refused form keeps the problem in the dialog, where the person is looking
    await page.locator('#users-new').click()
    await dialog.waitFor()
    await dialog.getByLabel(/^Nome/).fill('Prova')
    await dialog.getByLabel(/^Email/).fill('admin@spazicomuni.demo')
    await dialog.getByRole('button', { name: 'Crea' }).click()
    await dialog.getByRole('alert').waitFor()
    await inView(page, 'staff-admin-dialog-problem-1366')
    await page.setViewportSize({ width: 390, height: 844 })
    await inView(page, 'staff-admin-dialog-problem-390')
    await page.setViewportSize({ width: 1366, height: 900 })
    await page.keyboard.press('Escape')
    await dialog.waitFor({ state: 'detached' })
    await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('users-new')
    expect(await seriousViolations(page)).toEqual([])
    await context.close()
  })

  it('the heatmap on a phone is a labelled scroll region reached by the keyboard that says it scrolls', async () => {
    const { context, page } = await e2e.newPage({ width: 390 })
    await page.setViewportSize({ width: 390, height: 844 })
    await signIn(page, DEMO.admin)
    await openPage(page, '/reports')
    const box = page.locator('section.sc-heatmap-box')
    await box.waitFor({ timeout: 30_000 })
    expect(await box.getAttribute('tabindex')).toBe('0')
    expect(await box.getAttribute('aria-label')).toBe('Ore prenotate per giorno della settimana (righe) e ora di inizio (colonne)')
    // wider than the phone: it says so, and the region is described by that sentence
    expect(await box.evaluate((el) => el.scrollWidth > el.clientWidth)).toBe(true)
    const hint = page.locator('#heatmap-scroll-hint')
    await hint.waitFor()
    expect(await hint.textContent()).toContain('La tabella scorre di lato')
    expect(await box.getAttribute('aria-describedby')).toBe('heatmap-scroll-hint')
    // in the Tab order (tabindex 0), and scrolled with the arrows once it has the focus
    await box.focus()
    expect(await box.evaluate((el) => el === document.activeElement)).toBe(true)
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await page.keyboard.press('ArrowRight')
    await expect.poll(() => box.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0)
    await box.evaluate((el) => {
      el.scrollLeft = 0
      // at once: the site scrolls smoothly, and the picture would catch it half-way
      el.scrollIntoView({ block: 'center', behavior: 'instant' })
    })
    await inView(page, 'staff-heatmap-390-view')
    expect(await seriousViolations(page)).toEqual([])
    // at the desktop's width it fits: no sentence about scrolling
    await page.setViewportSize({ width: 1366, height: 900 })
    await expect.poll(() => hint.count()).toBe(0)
    await box.scrollIntoViewIfNeeded()
    await inView(page, 'staff-heatmap-1366-view')
    await context.close()
  })
})

import type { Page } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { DEMO, hasHorizontalScroll, screenshot, seriousViolations, signIn } from '../helpers/browser.ts'
import { useServerAndBrowser } from './harness.ts'

/**
 * The phone layout (issue 12, item 5) at 390×844, against the desktop at 1366×900: the catalogue's and the
 * search's filters behind «Filtri» with the results first, the lab's week one day at a time and its month as a
 * list, tables as cards, and no action off-screen on any page.
 */

const e2e = useServerAndBrowser()

const PHONE = { width: 390, height: 844 }
const DESKTOP = { width: 1366, height: 900 }

async function phone(email?: string): Promise<Page> {
  const { page } = await e2e.newPage({ width: PHONE.width })
  await page.setViewportSize(PHONE)
  if (email) await signIn(page, email)
  return page
}

/** Buttons and links shown in <main> that end beyond the window's right edge (none may). */
async function offscreenActions(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll('main button, main a.btn, main select, main input')]
      .filter((el) => {
        const r = el.getBoundingClientRect()
        if (r.width === 0 || r.height === 0) return false
        // Inside a scrolling box the action is reached by scrolling that box, which the keyboard can do too.
        if (el.closest('.sc-table-wrap, .table-responsive, .sc-board')) return false
        return r.right > window.innerWidth + 1 || r.left < -1
      })
      .map((el) => `${el.tagName} ${el.textContent?.trim().slice(0, 40)}`),
  )
}

async function both(page: Page, name: string) {
  await screenshot(page, `${name}-phone`)
  await page.setViewportSize(DESKTOP)
  await page.waitForTimeout(300)
  await screenshot(page, `${name}-desktop`)
  await page.setViewportSize(PHONE)
  await page.waitForTimeout(300)
}

describe('on a phone', () => {
  it('the catalogue shows its results first and its filters behind «Filtri»', async () => {
    const page = await phone()
    await page.goto('/')
    const toggle = page.getByRole('button', { name: 'Filtri', exact: true })
    await toggle.waitFor()
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.locator('#f-type').isVisible()).toBe(false)
    // The number of labs found and the first hub are on the first screen.
    const count = page.getByRole('status').filter({ hasText: /laboratori trovati/ })
    expect(((await count.boundingBox())?.y ?? 9999) < PHONE.height).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await both(page, 'phone-catalogue')

    await toggle.click()
    expect(await toggle.getAttribute('aria-expanded')).toBe('true')
    await page.locator('#f-type').selectOption('kitchen')
    await page.waitForURL((url) => url.searchParams.get('type') === 'kitchen')
    await page.getByRole('button', { name: 'Filtri (1)' }).waitFor()
    expect(await hasHorizontalScroll(page)).toBe(false)
    expect(await seriousViolations(page)).toEqual([])
    await screenshot(page, 'phone-catalogue-filters-open')

    // The desktop has no button: the filters are always there.
    await page.setViewportSize(DESKTOP)
    expect(await page.locator('#f-type').isVisible()).toBe(true)
    expect(await toggle.isVisible()).toBe(false)
    await page.context().close()
  })

  it('a search that answered folds behind «Filtri» with what it asked, results first', async () => {
    const page = await phone()
    await page.goto('/find?days=2&start=14:00&end=17:00')
    await page.locator('#find-results ~ ol li, #find-results ~ div').first().waitFor()
    const toggle = page.getByRole('button', { name: 'Filtri', exact: true })
    expect(await toggle.getAttribute('aria-expanded')).toBe('false')
    expect(await page.getByText('martedì, 14:00–17:00').isVisible()).toBe(true)
    expect(await page.locator('#find-type').isVisible()).toBe(false)
    expect(((await page.locator('#find-results').boundingBox())?.y ?? 9999) < PHONE.height).toBe(true)
    expect(await seriousViolations(page)).toEqual([])
    await both(page, 'phone-find')
    await page.context().close()
  })

  it('the lab week shows one day at a time and the month is a list, its free times folded by week', async () => {
    const page = await phone(DEMO.team)
    const labs = (await (await page.request.get('/api/v1/labs?limit=1000')).json()) as Array<{ id: string }>
    await page.goto(`/labs/${labs[0].id}`)
    const days = page.getByRole('group', { name: 'Giorno da mostrare' })
    await days.waitFor()
    expect(await days.getByRole('button').count()).toBe(7)
    await page.locator('.sc-week-calendar .ec-body').waitFor()
    expect(await page.locator('.sc-week-calendar .ec-body .ec-day').count()).toBe(1)
    const second = days.getByRole('button').nth(1)
    await second.click()
    expect(await second.getAttribute('aria-pressed')).toBe('true')
    const shown = await page.locator('.sc-week-calendar .ec-col-head, .sc-week-calendar .ec-header .ec-day').first().textContent()
    expect(shown?.toLowerCase()).toContain('mar')
    expect(await hasHorizontalScroll(page)).toBe(false)
    expect(await offscreenActions(page)).toEqual([])
    expect(await seriousViolations(page)).toEqual([])
    await both(page, 'phone-lab-week')

    await page.getByRole('button', { name: 'Mese', exact: true }).click()
    await page.waitForURL((url) => url.searchParams.get('view') === 'month')
    await page.locator('.sc-week-calendar.month .ec-list').waitFor()
    const weeks = page.locator('.sc-free-weeks details')
    await weeks.first().waitFor()
    expect(await weeks.count()).toBeGreaterThan(1)
    expect(await page.locator('.sc-free-weeks details[open]').count()).toBe(1)
    expect(await hasHorizontalScroll(page)).toBe(false)
    expect(await seriousViolations(page)).toEqual([])
    await both(page, 'phone-lab-month')
    await page.context().close()
  })

  it('my bookings are cards, with every action on screen', async () => {
    const page = await phone(DEMO.team)
    await page.goto('/bookings')
    const row = page.locator('main table.sc-cards tbody tr').first()
    await row.waitFor()
    expect(await row.evaluate((tr) => getComputedStyle(tr).display)).toBe('block')
    expect(await row.locator('td').first().getAttribute('data-label')).toBe('Quando')
    expect(await hasHorizontalScroll(page)).toBe(false)
    expect(await offscreenActions(page)).toEqual([])
    expect(await seriousViolations(page)).toEqual([])
    await both(page, 'phone-bookings')
    await page.context().close()
  })

  it('the staff pages keep every action on screen', async () => {
    const page = await phone(DEMO.admin)
    for (const path of ['/operator', '/operator?tab=approvals', '/operator?tab=closures', '/reports', '/admin', '/admin?tab=users']) {
      await page.goto(path)
      await page.locator('main h1').waitFor()
      await page.waitForLoadState('networkidle')
      expect({ path, scroll: await hasHorizontalScroll(page) }).toEqual({ path, scroll: false })
      expect({ path, off: await offscreenActions(page) }).toEqual({ path, off: [] })
    }
    await page.goto('/operator?tab=approvals')
    await page.locator('main table').first().waitFor()
    await screenshot(page, 'phone-approvals-phone')
    await page.context().close()
  })
})

/**
 * `npm run bench:client`: first contentful paint and first-page JavaScript of the client on localhost,
 * measured in Debian Chromium against the real server (embedded engine, demo data). Prints a table and JSON.
 */
import os from 'node:os'
import { gzipSync } from 'node:zlib'
import { launchBrowser, newPage, startServer } from '../test/helpers/browser.ts'

const RUNS = Number(process.env.RUNS ?? 15)
const TARGET_FCP_MS = 1500
const PAGES = ['/', '/login', '/find']

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]
}

const server = await startServer()
const browser = await launchBrowser()
const results: Array<{ page: string; p50: number; p95: number; jsGzipBytes: number }> = []
try {
  for (const pathname of PAGES) {
    const paints: number[] = []
    let jsGzipBytes = 0
    for (let run = 0; run < RUNS; run++) {
      const { context, page } = await newPage(browser, server.url)
      const scripts: Promise<Buffer>[] = []
      page.on('response', (res) => {
        if (res.request().resourceType() === 'script') scripts.push(res.body())
      })
      await page.goto(pathname, { waitUntil: 'networkidle' })
      const fcp = await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN)
      paints.push(fcp)
      jsGzipBytes = (await Promise.all(scripts)).reduce((sum, body) => sum + gzipSync(body).length, 0)
      await context.close()
    }
    results.push({ page: pathname, p50: percentile(paints, 50), p95: percentile(paints, 95), jsGzipBytes })
  }
} finally {
  await browser.close()
  await server.stop()
}

console.log(`first contentful paint over ${RUNS} cold loads each (target p95 < ${TARGET_FCP_MS} ms; JS budget 250 kB gzip)`)
console.log('page        p50 ms   p95 ms   JS gzip kB')
for (const r of results) {
  console.log(
    `${r.page.padEnd(10)} ${r.p50.toFixed(0).padStart(7)} ${r.p95.toFixed(0).padStart(8)} ${(r.jsGzipBytes / 1024).toFixed(1).padStart(11)}`,
  )
}
console.log(JSON.stringify({ machine: { cpus: os.cpus().length, node: process.version, loadavg: os.loadavg() }, results }, null, 2))

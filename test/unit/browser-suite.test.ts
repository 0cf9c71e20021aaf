import { execFile } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

// `npm test` on a machine without Chromium: everything else runs, and one line says the browser suite did
// not and how to enable it; with REQUIRE_BROWSER=1 (CI) the suite stays in, so that it fails there.

const ROOT = path.resolve(import.meta.dirname, '..', '..')

function vitestList(env: Record<string, string>): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [path.join(ROOT, 'node_modules', 'vitest', 'vitest.mjs'), 'list', '--filesOnly', 'test/e2e', 'test/unit/browser-suite'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: '', ...env }, timeout: 120_000 },
      (err, stdout, stderr) => resolve({ code: err ? Number(err.code ?? 1) : 0, out: `${stdout}${stderr}` }),
    )
  })
}

describe('the browser suite where no browser is found', { timeout: 120_000 }, () => {
  it('is left out with one line saying how to enable it', async () => {
    const { out } = await vitestList({ CHROMIUM_PATH: '/nonexistent/chromium', REQUIRE_BROWSER: '' })
    const notes = out.split('\n').filter((line) => line.includes('browser suite'))
    expect(notes).toHaveLength(1)
    expect(notes[0]).toContain('did not run')
    expect(notes[0]).toContain('apt-get install chromium')
    expect(out).not.toMatch(/test\/e2e\/\S+\.test\.ts/)
    expect(out).toContain('test/unit/browser-suite.test.ts')
  })

  it('stays in with REQUIRE_BROWSER=1, so that a missing browser fails', async () => {
    const { out } = await vitestList({ CHROMIUM_PATH: '/nonexistent/chromium', REQUIRE_BROWSER: '1' })
    expect(out).not.toContain('did not run')
    expect(out).toMatch(/test\/e2e\/\S+\.test\.ts/)
  })
})

import fs from 'node:fs'

/** Where the browser tests look for Chromium: CHROMIUM_PATH, else the usual Debian and Ubuntu places. */
const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome']

export function findBrowser(): string | undefined {
  if (process.env.CHROMIUM_PATH) return fs.existsSync(process.env.CHROMIUM_PATH) ? process.env.CHROMIUM_PATH : undefined
  return CANDIDATES.find((candidate) => fs.existsSync(candidate))
}

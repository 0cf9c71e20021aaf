import { defineConfig } from 'vitest/config'
import { findBrowser } from './test/helpers/find-browser.ts'

// Every API test file runs once per engine: embedded PGlite always, PostgreSQL when DATABASE_URL is set.
const engines = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])]

// The browser suite needs Chromium. A fresh machine has none: everything else runs, and one line says so.
// REQUIRE_BROWSER=1 (CI) keeps the suite, so that a missing browser fails there instead of passing unseen.
const browserSuite = Boolean(findBrowser()) || process.env.REQUIRE_BROWSER === '1'
if (!browserSuite) {
  console.log('browser suite (test/e2e) did not run: no Chromium found; enable it with `apt-get install chromium` (or set CHROMIUM_PATH)')
}

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
    projects: [
      { test: { name: 'unit', include: ['backend/**/*.test.ts', 'db/**/*.test.ts', 'emails/**/*.test.ts', 'test/unit/**/*.test.ts'] } },
      ...engines.map((engine) => ({
        test: {
          name: engine,
          // A file named *.postgres.test.ts is about PostgreSQL itself (its pool): the postgres project only.
          include: ['test/api/**/*.test.ts'],
          exclude: engine === 'postgres' ? [] : ['test/api/**/*.postgres.test.ts'],
          env: { TEST_DB_ENGINE: engine },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
      ...(browserSuite
        ? [
            {
              test: {
                name: 'e2e',
                include: ['test/e2e/**/*.test.ts'],
                testTimeout: 120_000,
                hookTimeout: 180_000,
                fileParallelism: false,
              },
            },
          ]
        : []),
    ],
  },
})

import { defineConfig } from 'vitest/config'

// Every API test file runs once per engine: embedded PGlite always, PostgreSQL when DATABASE_URL is set.
const engines = ['pglite', ...(process.env.DATABASE_URL ? ['postgres'] : [])]

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
          include: ['test/api/**/*.test.ts'],
          env: { TEST_DB_ENGINE: engine },
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      })),
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
        },
      },
    ],
  },
})

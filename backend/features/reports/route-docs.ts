import type { z } from 'zod'

/** A report's answer: JSON in `schema`, or the same rows as CSV with `?format=csv`. */
export function jsonOrCsv(schema: z.ZodType, csv: string) {
  return {
    description: `The report as JSON, or as CSV with \`?format=csv\` (${csv}; attachment, UTF-8).`,
    schema,
    also: { 'text/csv': 'string' as const },
  }
}

export const STAFF_SCOPE =
  'Staff only: an operator sees its hubs (403 for a hub or lab it does not manage), the Comune every hub. The period ' +
  'is `[from, to)` of local dates, at most three years.'

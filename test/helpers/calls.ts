import type { TestContext } from './context.ts'

/** Helpers for the call's tests: instants relative to now, a PDF, uploads, a draft call. */

/** An instant `ms` from now, as the API takes it (with an offset, whole seconds). */
export function fromNow(ms: number): string {
  return new Date(Math.floor((Date.now() + ms) / 1000) * 1000).toISOString().replace('.000Z', '+00:00')
}

/** A tiny but real PDF: its content says so, whatever its name. */
export const PDF = Buffer.from('%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n')

export async function upload(
  ctx: TestContext,
  cookie: string | undefined,
  applicationId: string,
  content: Buffer,
  kind = 'project',
  filename = 'progetto.pdf',
) {
  // through the test client: the answer is checked against the OpenAPI document like any other
  const res = await ctx.request(
    'POST',
    `/applications/${applicationId}/attachments?kind=${kind}&filename=${encodeURIComponent(filename)}`,
    undefined,
    cookie,
    {
      raw: new Uint8Array(content),
      headers: { 'Content-Type': 'application/pdf' },
    },
  )
  return { status: res.status, body: res.text ? res.body : null }
}

export function callBody(o: Record<string, unknown> = {}) {
  return {
    title: `Bando periferie ${Math.random().toString(36).slice(2, 8)}`,
    description: 'Progetti di innovazione sociale nei quartieri prioritari.',
    opensAt: fromNow(-3_600_000),
    closesAt: fromNow(3_600_000),
    budgetCents: 5_000_000,
    maxFundingCents: 3_000_000,
    applicantTypes: ['informal', 'association'],
    criteria: [
      { name: 'Impatto sociale', weight: 2, maxScore: 10 },
      { name: 'Fattibilità', weight: 1, maxScore: 10 },
    ],
    ...o,
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

import { readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { CATALOGUE, defineMessages, LOCALES, pickLocale } from './i18n.ts'
import { problemTitles } from './messages.ts'
import { PROBLEM_STATUS } from './problem.ts'
import { issueText } from './validation.ts'

const ROOT = path.resolve(import.meta.dirname, '..')
const placeholders = (template: string) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort()

describe('the message catalogue', async () => {
  // every catalogue of the backend: backend/http/messages.ts and backend/features/*/messages.ts
  const files = readdirSync(ROOT, { recursive: true, encoding: 'utf8' }).filter((f) => path.basename(f) === 'messages.ts')
  for (const file of files) await import(path.join(ROOT, file))

  it('is found in every feature that has one', () => {
    expect(files.length).toBeGreaterThan(5)
    expect(CATALOGUE.size).toBeGreaterThan(100)
  })

  it('has every message in Italian and in English, with the same placeholders', () => {
    const faults: string[] = []
    for (const [id, entry] of CATALOGUE) {
      for (const locale of LOCALES) if (!entry[locale]?.trim()) faults.push(`${id}: no ${locale} text`)
      if (placeholders(entry.it).join() !== placeholders(entry.en).join()) faults.push(`${id}: placeholders differ`)
    }
    expect(faults).toEqual([])
  })

  it('has a title in both languages for every kind of problem', () => {
    for (const code of Object.keys(PROBLEM_STATUS) as Array<keyof typeof PROBLEM_STATUS>) {
      expect(problemTitles[code]().in('it')).not.toBe(problemTitles[code]().in('en'))
    }
  })

  it('fills placeholders, numbers in each language’s format', () => {
    const m = defineMessages('i18nTest', { hours: { it: 'restano {left} h di {who}', en: '{left} h left for {who}' } })
    const text = m.hours({ left: 1234.5, who: 'Orti' })
    expect(text.in('it')).toBe('restano 1234,5 h di Orti') // Italian groups from five digits
    expect(text.in('en')).toBe('1,234.5 h left for Orti')
    // outside a request, the default language
    expect(JSON.stringify({ detail: text })).toBe('{"detail":"restano 1234,5 h di Orti"}')
  })
})

describe('pickLocale', () => {
  it.each([
    ['en', 'en'],
    ['en-GB,en;q=0.9', 'en'],
    ['it-IT,it;q=0.9,en;q=0.8', 'it'],
    ['fr-FR,fr;q=0.9,en;q=0.5,it;q=0.4', 'en'],
    ['EN-us', 'en'],
    ['en;q=0, it', 'it'],
    ['fr', undefined],
    ['*', undefined],
    ['', undefined],
  ])('%s → %s', (header, expected) => {
    expect(pickLocale(header)).toBe(expected)
  })
})

describe('zod issues', () => {
  it('are worded by zod’s Italian and English locales', () => {
    const result = z.object({ n: z.number() }).safeParse({ n: 'x' }, { reportInput: true })
    const text = issueText(result.error!.issues[0])
    expect(text.in('en')).toBe('Invalid input: expected number, received string')
    expect(text.in('it')).toMatch(/^Input non valido: atteso numero/)
  })

  it('that name a catalogue message take its texts and the issue’s params', () => {
    const m = defineMessages('i18nTestZod', { atMost: { it: 'al massimo {days} giorni', en: 'at most {days} days' } })
    const schema = z.string().superRefine((_v, ctx) => ctx.addIssue({ code: 'custom', message: m.atMost.id, params: { days: 366 } }))
    const text = issueText(schema.safeParse('x').error!.issues[0])
    expect([text.in('it'), text.in('en')]).toEqual(['al massimo 366 giorni', 'at most 366 days'])
  })
})

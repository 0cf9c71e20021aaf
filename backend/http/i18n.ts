import { AsyncLocalStorage } from 'node:async_hooks'
import type { MiddlewareHandler } from 'hono'

/**
 * The languages of the texts people read in API answers (problem titles, details, field messages, a
 * conflict's explanation). Italian is the default; English is chosen with `Accept-Language: en` or by a
 * signed-in user whose account says `en`.
 */
export const LOCALES = ['it', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const DEFAULT_LOCALE: Locale = 'it'

/**
 * The best of our locales in an Accept-Language header (RFC 9110 §12.5.4), or undefined when the header
 * names none of them: `en-GB,en;q=0.9,it;q=0.5` → en; `fr` → undefined; `*` → undefined (no preference).
 */
export function pickLocale(header: string | undefined | null): Locale | undefined {
  if (!header) return undefined
  let best: { locale: Locale; q: number } | undefined
  for (const part of header.split(',')) {
    const [range, ...params] = part.trim().split(';')
    const primary = range.trim().toLowerCase().split('-')[0]
    if (primary !== 'it' && primary !== 'en') continue
    let q = 1
    for (const param of params) {
      const [name, value] = param.trim().split('=')
      if (name.trim().toLowerCase() === 'q') q = Number(value)
    }
    if (!Number.isFinite(q) || q <= 0) continue
    if (!best || q > best.q) best = { locale: primary, q }
  }
  return best?.locale
}

/** What a request says of its language: its Accept-Language (one of ours, or none) and its signed-in user's. */
interface RequestLanguage {
  header: Locale | undefined
  user?: Locale
}

const requestLanguages = new AsyncLocalStorage<RequestLanguage>()

/**
 * The first middleware of the app: the request's language is kept, for the texts it renders wherever they are
 * serialised (error handler included), in a small object of its own. Not the whole request context (hono's
 * `contextStorage()`, until issue 18): whatever keeps an async resource of a request alive a while then also kept
 * its request, headers and answer, and every scavenge of the young heap copied them (with the other keepers, pauses
 * of 8–14 ms every ≈ 16 availability searches; docs/benchmarks.md).
 */
export function requestLanguage(): MiddlewareHandler {
  return (c, next) => requestLanguages.run({ header: pickLocale(c.req.header('accept-language')) }, next)
}

/** The signed-in user's language, for the rest of the request (the session middleware tells it). */
export function setUserLocale(locale: Locale | undefined): void {
  const language = requestLanguages.getStore()
  if (language) language.user = locale
}

/**
 * The language of the request being answered: the Accept-Language header when it names one of ours (the
 * client sends the language of its interface), else the signed-in user's, else Italian. Outside a request
 * (workers, scripts) Italian.
 */
export function currentLocale(): Locale {
  const language = requestLanguages.getStore()
  return language?.header ?? language?.user ?? DEFAULT_LOCALE
}

type ParamValue = string | number | LocalText
export type Params = Record<string, ParamValue>

const numberFormats: Record<Locale, Intl.NumberFormat> = {
  it: new Intl.NumberFormat('it-IT', { maximumFractionDigits: 2 }),
  en: new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }),
}

function fill(template: string, params: Params, locale: Locale): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = params[name]
    if (value === undefined) return whole
    if (typeof value === 'number') return numberFormats[locale].format(value)
    if (value instanceof LocalText) return value.in(locale)
    return value
  })
}

/**
 * A text people read, in every language of ours. Made only from a message catalogue (`defineMessages`) or
 * from a zod issue, never from a bare string: the private field makes a hand-built `{it, en}` object (or a
 * string) a type error where a LocalText is expected. It serialises (JSON) in the current request's language.
 */
export class LocalText {
  // nominal: only this class makes one (see above)
  readonly #made = true
  readonly it: string
  readonly en: string

  private constructor(texts: Record<Locale, string>) {
    this.it = texts.it
    this.en = texts.en
  }

  /** For catalogues and the zod bridge only: everything else takes its texts from a catalogue. */
  static of(texts: Record<Locale, string>): LocalText {
    return new LocalText(texts)
  }

  /** Whether a value is a LocalText (the brand check, not the shape: `{it, en}` objects are not). */
  static is(value: unknown): value is LocalText {
    return typeof value === 'object' && value !== null && #made in value
  }

  in(locale: Locale): string {
    return this[locale]
  }

  toString(): string {
    return this.in(currentLocale())
  }

  toJSON(): string {
    return this.in(currentLocale())
  }
}

/** Placeholders of a template: 'servono {needed} h, ne restano {left}' → 'needed' | 'left'. */
type Placeholders<S extends string> = S extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never

type Entry = { it: string; en: string }
type MessageFn<E extends Entry> = [Placeholders<E['it']> | Placeholders<E['en']>] extends [never]
  ? (() => LocalText) & { readonly id: string }
  : ((params: Record<Placeholders<E['it']> | Placeholders<E['en']>, ParamValue>) => LocalText) & { readonly id: string }

/** Every message of every catalogue by id (`bookings.notLive`): the dictionary test walks it; zod messages name ids. */
export const CATALOGUE = new Map<string, Entry>()

/**
 * A catalogue of texts for one feature: each key has its Italian and English template, with `{name}`
 * placeholders filled from typed parameters (numbers formatted per language). Returns one function per key
 * that makes the LocalText, with the message's id (`namespace.key`) for zod schemas (`fieldMessage`).
 *
 *   export const m = defineMessages('bookings', {
 *     notLive: { it: 'La prenotazione non è attiva.', en: 'The booking is not live.' },
 *     tooMany: { it: 'Al massimo {max} occorrenze.', en: 'At most {max} occurrences.' },
 *   })
 *   throw problems.conflict(m.notLive())
 */
export function defineMessages<const T extends Record<string, Entry>>(namespace: string, entries: T): { [K in keyof T]: MessageFn<T[K]> } {
  const out: Record<string, unknown> = {}
  for (const [key, entry] of Object.entries(entries)) {
    const id = `${namespace}.${key}`
    if (CATALOGUE.has(id) && CATALOGUE.get(id) !== entry) throw new Error(`message ${id} is defined twice`)
    CATALOGUE.set(id, entry)
    const make = (params: Params = {}) => LocalText.of({ it: fill(entry.it, params, 'it'), en: fill(entry.en, params, 'en') })
    out[key] = Object.assign(make, { id })
  }
  return out as { [K in keyof T]: MessageFn<T[K]> }
}

/**
 * The message for a zod schema's own error (`z.string().regex(re, fieldMessage(m.expectedDate))`): its id,
 * which the validation layer turns back into the LocalText. Only messages without placeholders, or whose
 * placeholders the issue's `params` fill (custom issues).
 */
export function fieldMessage(message: { readonly id: string }): string {
  return message.id
}

/** The LocalText of a catalogue id (a zod issue's message), or undefined when the text is no id of ours. */
export function catalogueText(id: string, params: Params = {}): LocalText | undefined {
  const entry = CATALOGUE.get(id)
  if (!entry) return undefined
  return LocalText.of({ it: fill(entry.it, params, 'it'), en: fill(entry.en, params, 'en') })
}

/** A text that is the same in every language (a name, a closure's reason typed by a person). */
export function verbatim(text: string): LocalText {
  return LocalText.of({ it: text, en: text })
}

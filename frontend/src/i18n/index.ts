import * as i18n from '@solid-primitives/i18n'
import { createRoot, createSignal } from 'solid-js'
import type { Locale } from '../api/types.ts'
import { en } from './en.ts'
import { it } from './it.ts'

export type RawDictionary = typeof it
export type Dictionary = i18n.Flatten<RawDictionary>
/** Keys of leaf texts ("nav.catalogue"), not of whole sections. */
export type TKey = { [K in keyof Dictionary]: Dictionary[K] extends string ? K : never }[keyof Dictionary]

const STORAGE_KEY = 'spazi-comuni.locale'
const dictionaries: Record<Locale, Dictionary> = { it: i18n.flatten(it), en: i18n.flatten(en) }

function storedLocale(): Locale {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'it'
  } catch {
    return 'it'
  }
}

// One locale for the whole single-page app; created in its own root so any module may read it.
const state = createRoot(() => {
  const [locale, setLocaleSignal] = createSignal<Locale>(storedLocale())
  return { locale, setLocaleSignal }
})

export const locale = state.locale

/** The BCP 47 tag used with Intl for the current locale (dates weeks from Monday in both). */
export const intlLocale = () => (locale() === 'en' ? 'en-GB' : 'it-IT')

export const t = i18n.translator(() => dictionaries[locale()], i18n.resolveTemplate)

/** Keys of texts that have plural forms: `{ one: '…', other: '…' }` (and `few`, `many` where a language needs them). */
export type PluralKey = { [K in keyof Dictionary]: K extends `${infer P}.other` ? P : never }[keyof Dictionary]

/**
 * A text in the plural form `n` takes in the current language (Intl.PluralRules): "1 appuntamento annullato",
 * "3 appuntamenti annullati". `{{ n }}` in the text is `n` formatted for the language.
 */
export function tn(key: PluralKey, n: number, params: Record<string, string | number> = {}): string {
  const dict = dictionaries[locale()] as Record<string, unknown>
  const form = new Intl.PluralRules(intlLocale()).select(n)
  const text = (dict[`${key}.${form}`] ?? dict[`${key}.other`]) as string
  return i18n.resolveTemplate(text, { n: new Intl.NumberFormat(intlLocale()).format(n), ...params })
}

/** Switches language, remembers it in this browser and sets <html lang>. */
export function setLocale(next: Locale) {
  state.setLocaleSignal(next)
  try {
    localStorage.setItem(STORAGE_KEY, next)
  } catch {
    // Private mode: the choice lasts this visit only.
  }
  if (typeof document !== 'undefined') document.documentElement.lang = next
}

export function applyStoredLocale() {
  document.documentElement.lang = locale()
}

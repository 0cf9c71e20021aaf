/**
 * The Italian codice fiscale of a natural person (D.M. 23/12/1976): 16 characters, the last a check
 * character. Omocodia (two people with the same code) is resolved by the Agenzia delle Entrate by replacing
 * digits, from the right, with the letters L M N P Q R S T U V: such codes are valid and distinct.
 */

const SHAPE = /^[A-Z]{6}[0-9LMNPQRSTUV]{2}[ABCDEHLMPRST][0-9LMNPQRSTUV]{2}[A-Z][0-9LMNPQRSTUV]{3}[A-Z]$/
const OMOCODIA = 'LMNPQRSTUV'
/** Positions (0-based) that hold digits, each of which omocodia may replace by a letter. */
const DIGIT_POSITIONS = [6, 7, 9, 10, 12, 13, 14]
/** Value of a character in an odd position (1st, 3rd, …), for digits and letters alike (0 = A, 1 = B, …). */
const ODD = [1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23]

function ordinal(ch: string): number {
  const code = ch.charCodeAt(0)
  return code <= 57 ? code - 48 : code - 65
}

/** The check character of the first 15 characters of a code (already upper case). */
export function fiscalCodeCheckCharacter(first15: string): string {
  let sum = 0
  for (let i = 0; i < 15; i++) {
    const n = ordinal(first15[i] as string)
    sum += i % 2 === 0 ? (ODD[n] as number) : n
  }
  return String.fromCharCode(65 + (sum % 26))
}

/** The code with omocodia letters turned back into digits (what the birth date and place read as). */
export function withoutOmocodia(code: string): string {
  const chars = [...code]
  for (const i of DIGIT_POSITIONS) {
    const k = OMOCODIA.indexOf(chars[i] as string)
    if (k >= 0 && !/[0-9]/.test(chars[i] as string)) chars[i] = String(k)
  }
  return chars.join('')
}

/**
 * What an identity provider sends, as the one stored form: the `TINIT-` prefix of the SPID attribute
 * (ETSI semantics identifier: tax identifier, Italy) removed, spaces removed, upper case.
 */
export function normaliseFiscalCode(raw: string): string {
  return raw
    .trim()
    .replace(/^TINIT-/i, '')
    .replace(/\s+/g, '')
    .toUpperCase()
}

/** Whether a normalised code is a well-formed personal codice fiscale with the right check character. */
export function isValidFiscalCode(code: string): boolean {
  if (!SHAPE.test(code)) return false
  const day = Number(withoutOmocodia(code).slice(9, 11))
  // Women's day of birth is given + 40.
  if (!((day >= 1 && day <= 31) || (day >= 41 && day <= 71))) return false
  return fiscalCodeCheckCharacter(code.slice(0, 15)) === code[15]
}

/** The normalised code, or null when the value is not a valid personal codice fiscale. */
export function parseFiscalCode(raw: unknown): string | null {
  if (typeof raw !== 'string') return null
  const code = normaliseFiscalCode(raw)
  return isValidFiscalCode(code) ? code : null
}

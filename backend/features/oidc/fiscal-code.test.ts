import { describe, expect, it } from 'vitest'
import { fiscalCodeCheckCharacter, isValidFiscalCode, normaliseFiscalCode, parseFiscalCode, withoutOmocodia } from './fiscal-code.ts'

describe('the codice fiscale', () => {
  it('computes the check character of published examples', () => {
    // Mario Rossi, born 10 Dec 1985 in Roma (H501 → A562 in the Agenzia's example), and Matteo Moretti.
    expect(fiscalCodeCheckCharacter('RSSMRA85T10A562')).toBe('S')
    expect(fiscalCodeCheckCharacter('MRTMTT25D09F205')).toBe('Z')
  })

  it('accepts a valid code and refuses one with a wrong check character', () => {
    expect(isValidFiscalCode('RSSMRA85T10A562S')).toBe(true)
    expect(isValidFiscalCode('RSSMRA85T10A562T')).toBe(false)
  })

  it('refuses a mistyped character even when the shape is right', () => {
    expect(isValidFiscalCode('RSSMRB85T10A562S')).toBe(false)
    expect(isValidFiscalCode('RSSMRA85T10A526S')).toBe(false)
  })

  it('accepts omocodia: digits replaced by L…V, with the check character recomputed', () => {
    // The last digit 2 becomes N, then 6 becomes S: both are other valid codes of other people.
    const one = `RSSMRA85T10A56N${fiscalCodeCheckCharacter('RSSMRA85T10A56N')}`
    const two = `RSSMRA85T10A5SN${fiscalCodeCheckCharacter('RSSMRA85T10A5SN')}`
    expect(isValidFiscalCode(one)).toBe(true)
    expect(isValidFiscalCode(two)).toBe(true)
    expect(withoutOmocodia(two)).toBe(`RSSMRA85T10A562${two[15]}`)
  })

  it('reads a woman’s day of birth (+40) and refuses an impossible day', () => {
    const woman = `BNCGLI80A41F205${fiscalCodeCheckCharacter('BNCGLI80A41F205')}`
    expect(isValidFiscalCode(woman)).toBe(true)
    const day35 = `BNCGLI80A35F205${fiscalCodeCheckCharacter('BNCGLI80A35F205')}`
    expect(isValidFiscalCode(day35)).toBe(false)
  })

  it('refuses a wrong month letter, a company’s 11-digit code and wrong lengths', () => {
    const badMonth = `RSSMRA85F10A562${fiscalCodeCheckCharacter('RSSMRA85F10A562')}`
    expect(isValidFiscalCode(badMonth)).toBe(false)
    expect(isValidFiscalCode('01199250158')).toBe(false)
    expect(isValidFiscalCode('RSSMRA85T10A562')).toBe(false)
    expect(isValidFiscalCode('')).toBe(false)
  })

  it('normalises what SPID sends: the TINIT- prefix, lower case, spaces', () => {
    expect(normaliseFiscalCode('TINIT-RSSMRA85T10A562S')).toBe('RSSMRA85T10A562S')
    expect(normaliseFiscalCode(' tinit-rssmra85t10a562s ')).toBe('RSSMRA85T10A562S')
    expect(normaliseFiscalCode('RSS MRA 85T10 A562S')).toBe('RSSMRA85T10A562S')
    expect(parseFiscalCode('TINIT-rssmra85t10a562s')).toBe('RSSMRA85T10A562S')
    expect(parseFiscalCode('TINIT-RSSMRA85T10A562X')).toBeNull()
    expect(parseFiscalCode(42)).toBeNull()
    expect(parseFiscalCode(undefined)).toBeNull()
  })
})

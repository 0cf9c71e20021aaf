import { describe, expect, it } from 'vitest'
import { identityFromClaims, SPID_FISCAL_NUMBER } from './claims.ts'

describe('the identity in the provider’s claims', () => {
  it('reads fiscal_number with its TINIT- prefix, the names and the email', () => {
    expect(
      identityFromClaims({
        sub: 'abc',
        fiscal_number: 'TINIT-rssmra85t10a562s',
        given_name: 'Mario',
        family_name: ' Rossi ',
        email: 'Mario.Rossi@Example.it',
      }),
    ).toEqual({ subject: 'abc', fiscalCode: 'RSSMRA85T10A562S', name: 'Mario Rossi', email: 'mario.rossi@example.it', emailVerified: true })
  })

  it('reads the SPID attribute name too, without a prefix', () => {
    const identity = identityFromClaims({ sub: 'x', [SPID_FISCAL_NUMBER]: 'RSSMRA85T10A562S', name: 'Mario Rossi' })
    expect(identity).toMatchObject({ fiscalCode: 'RSSMRA85T10A562S', name: 'Mario Rossi', email: null })
  })

  it('refuses claims without a codice fiscale, or with a wrong check character', () => {
    expect(identityFromClaims({ sub: 'x', email: 'a@b.it' })).toEqual({ error: 'missing_fiscal_code' })
    expect(identityFromClaims({ sub: 'x', fiscal_number: 'TINIT-RSSMRA85T10A562T' })).toEqual({ error: 'invalid_fiscal_code' })
  })

  it('drops a malformed email and remembers an unverified one as such', () => {
    expect(identityFromClaims({ sub: 'x', fiscal_number: 'RSSMRA85T10A562S', email: 'not-an-email' })).toMatchObject({ email: null })
    expect(identityFromClaims({ sub: 'x', fiscal_number: 'RSSMRA85T10A562S', email: 'a@b.it', email_verified: false })).toMatchObject({
      emailVerified: false,
    })
  })

  it('names a person without names by the code', () => {
    expect(identityFromClaims({ sub: 'x', fiscal_number: 'RSSMRA85T10A562S' })).toMatchObject({ name: 'RSSMRA85T10A562S' })
  })
})

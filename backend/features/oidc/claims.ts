import { z } from 'zod'
import { parseFiscalCode } from './fiscal-code.ts'

/** The SPID attribute name of the codice fiscale, as Italian brokers pass it on besides `fiscal_number`. */
export const SPID_FISCAL_NUMBER = 'https://attributes.eid.gov.it/fiscal_number'

/** Who signed in, as the provider's claims say, normalised. */
export interface OidcIdentity {
  subject: string
  fiscalCode: string
  name: string
  email: string | null
  /** false only when the provider says the email is not verified (SPID attributes come from the identity provider). */
  emailVerified: boolean
}

export type IdentityError = 'missing_fiscal_code' | 'invalid_fiscal_code'

const emailSchema = z.email()

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim().replace(/\s+/g, ' ') : null
}

/** The identity of the claims (ID token and userinfo merged), or why there is none. */
export function identityFromClaims(claims: Record<string, unknown>): OidcIdentity | { error: IdentityError } {
  const raw = claims.fiscal_number ?? claims[SPID_FISCAL_NUMBER]
  if (raw === undefined || raw === null || raw === '') return { error: 'missing_fiscal_code' }
  const fiscalCode = parseFiscalCode(raw)
  if (!fiscalCode) return { error: 'invalid_fiscal_code' }
  const given = text(claims.given_name)
  const family = text(claims.family_name)
  const name = ([given, family].filter(Boolean).join(' ') || text(claims.name) || fiscalCode).slice(0, 200)
  const rawEmail = text(claims.email)?.toLowerCase() ?? null
  const email = rawEmail && emailSchema.safeParse(rawEmail).success ? rawEmail : null
  return {
    subject: String(claims.sub ?? ''),
    fiscalCode,
    name,
    email,
    emailVerified: claims.email_verified !== false && claims.email_verified !== 'false',
  }
}

import { defineMessages, type Locale } from '../../http/i18n.ts'

/**
 * What the person is told about SPID/CIE sign-in, Italian first, English too: the texts of this feature in
 * one place (problem details and the page the browser shows when a callback is refused).
 */
export const m = defineMessages('oidc', {
  not_configured: {
    it: 'L’accesso con SPID o CIE non è attivo su questo servizio.',
    en: 'Sign-in with SPID or CIE is not enabled on this service.',
  },
  provider_unavailable_title: { it: 'Servizio di identità non disponibile', en: 'Identity provider unavailable' },
  provider_unavailable: {
    it: 'Il servizio di identità del Comune non risponde. Riprova tra qualche minuto.',
    en: 'The Comune’s identity service does not answer. Try again in a few minutes.',
  },
  callback_refused: {
    it: 'L’accesso non è riuscito: la risposta del servizio di identità non è valida, è scaduta o è già stata usata. Nessun accesso è stato effettuato: ricomincia dal pulsante “Entra con SPID o CIE”.',
    en: 'Sign-in failed: the identity service’s answer is not valid, has expired or was already used. You are not signed in: start again from the “Sign in with SPID or CIE” button.',
  },
  cancelled: {
    it: 'L’accesso con SPID o CIE è stato annullato o rifiutato presso il servizio di identità. Nessun accesso è stato effettuato.',
    en: 'Sign-in with SPID or CIE was cancelled or refused at the identity service. You are not signed in.',
  },
  missing_fiscal_code: {
    it: 'Il servizio di identità non ha comunicato il tuo codice fiscale, che serve per riconoscerti. Riprova acconsentendo a condividerlo, o scrivi al Comune.',
    en: 'The identity service did not pass on your codice fiscale, which is needed to recognise you. Try again agreeing to share it, or write to the Comune.',
  },
  invalid_fiscal_code: {
    it: 'Il codice fiscale comunicato dal servizio di identità non è valido. Scrivi al Comune.',
    en: 'The codice fiscale passed on by the identity service is not valid. Write to the Comune.',
  },
  disabled: {
    it: 'Il tuo account è disattivato. Scrivi al Comune per riattivarlo.',
    en: 'Your account is disabled. Write to the Comune to have it enabled again.',
  },
  conflict: {
    it: 'L’indirizzo email comunicato dal servizio di identità appartiene a un account collegato a un altro codice fiscale. Scrivi al Comune.',
    en: 'The email passed on by the identity service belongs to an account linked to another codice fiscale. Write to the Comune.',
  },
  use_oidc: {
    it: 'Gli account dei team accedono con SPID o CIE: usa il pulsante “Entra con SPID o CIE”. Email e password sono riservate al personale.',
    en: 'Team accounts sign in with SPID or CIE: use the “Sign in with SPID or CIE” button. Email and password are for staff only.',
  },
  password_off: {
    it: 'L’accesso con email e password o con link non è attivo: entra con SPID o CIE.',
    en: 'Sign-in with email and password or by link is not enabled: sign in with SPID or CIE.',
  },
})

export type OidcMessage = keyof typeof m

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`)
}

/** A page the browser can show on its own (the callback is a top-level navigation, not a call of the client). */
export function refusalPage(key: OidcMessage, locale: Locale): string {
  const title = locale === 'en' ? 'Sign-in failed' : 'Accesso non riuscito'
  const back = locale === 'en' ? 'Back to sign-in' : 'Torna alla pagina di accesso'
  return `<!doctype html>
<html lang="${locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Spazi Comuni</title>
<style>
  body { font-family: "Titillium Web", system-ui, sans-serif; margin: 0; color: #1a1a1a; background: #f5f5f5; }
  header { background: #06c; color: #fff; padding: 1rem 1.5rem; font-size: 1.25rem; font-weight: 600; }
  main { max-width: 40rem; margin: 2rem auto; padding: 1.5rem; background: #fff; border-left: 4px solid #d9364f; }
  h1 { font-size: 1.75rem; margin-top: 0; }
  a { color: #06c; font-weight: 600; }
  a:focus { outline: 3px solid #f90; outline-offset: 2px; }
</style>
</head>
<body>
<header>Spazi Comuni · Comune di Milano</header>
<main>
<h1>${title}</h1>
<p role="alert">${escapeHtml(m[key]().in(locale))}</p>
<p><a href="/login">${back}</a></p>
</main>
</body>
</html>
`
}

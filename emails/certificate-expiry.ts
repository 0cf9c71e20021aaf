import type { Locale } from './format.ts'
import { type RenderedEmail, renderLayout } from './layout.ts'

/** A team's certificate lapses soon and some of its bookings need that kind (30 and 7 days before). */
export interface CertificateExpiryEmail {
  locale: Locale
  teamName: string
  kindName: string
  personName: string
  /** YYYY-MM-DD, the last day it is valid. */
  expiresOn: string
  daysLeft: number
  /** The team's bookings after today that need the kind. */
  bookings: number
  /** The team's bookings page. */
  link: string
}

function longDate(isoDate: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'it-IT', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(new Date(`${isoDate}T12:00:00Z`))
}

export function renderCertificateExpiryEmail(m: CertificateExpiryEmail): RenderedEmail {
  const date = longDate(m.expiresOn, m.locale)
  if (m.locale === 'en') {
    const subject = `Certificate lapsing on ${date}: ${m.kindName}`
    return renderLayout('en', subject, 'A certificate of your team lapses soon', [
      {
        kind: 'paragraph',
        text: `${m.personName}’s “${m.kindName}” certificate lapses on ${date} (in ${m.daysLeft === 1 ? '1 day' : `${m.daysLeft} days`}). ${m.teamName} has ${m.bookings === 1 ? '1 booking' : `${m.bookings} bookings`} that need it.`,
      },
      {
        kind: 'paragraph',
        text: 'After that date, bookings that need it are refused unless someone of the team holds a valid certificate. Send the renewed certificate to the hub’s operator, who records it.',
      },
      {
        kind: 'details',
        rows: [
          ['Team', m.teamName],
          ['Certificate', m.kindName],
          ['Holder', m.personName],
          ['Valid until', date],
        ],
      },
      { kind: 'button', label: 'Open your bookings', url: m.link },
    ])
  }
  const subject = `Attestato in scadenza il ${date}: ${m.kindName}`
  return renderLayout('it', subject, 'Un attestato del gruppo sta per scadere', [
    {
      kind: 'paragraph',
      text: `L’attestato “${m.kindName}” di ${m.personName} scade il ${date} (tra ${m.daysLeft === 1 ? '1 giorno' : `${m.daysLeft} giorni`}). ${m.teamName} ha ${m.bookings === 1 ? '1 prenotazione' : `${m.bookings} prenotazioni`} che lo richiedono.`,
    },
    {
      kind: 'paragraph',
      text: 'Dopo quella data le prenotazioni che lo richiedono non sono accettate, se nessuno del gruppo ha un attestato valido. Invia l’attestato rinnovato al gestore dell’hub, che lo registra.',
    },
    {
      kind: 'details',
      rows: [
        ['Gruppo', m.teamName],
        ['Attestato', m.kindName],
        ['Titolare', m.personName],
        ['Valido fino al', date],
      ],
    },
    { kind: 'button', label: 'Apri le prenotazioni', url: m.link },
  ])
}

import { formatSlot, type Locale } from './format.ts'
import { type Block, type RenderedEmail, renderLayout } from './layout.ts'

export type { Locale } from './format.ts'
export type { RenderedEmail } from './layout.ts'

export type BookingEmailKind =
  | 'booking.confirmed'
  | 'booking.pending'
  | 'booking.awaiting_approval'
  | 'booking.approved'
  | 'booking.rejected'
  | 'booking.moved'
  | 'booking.updated'
  | 'booking.cancelled'
  | 'booking.closure_cancelled'
  | 'waitlist.promoted'
  | 'booking.reminder'
  | 'booking.released'
  | 'booking.reinstated'
  | 'booking.restored'

export interface Place {
  labName: string
  hubName: string
  address: string
  phone: string | null
  email: string | null
  /** IANA zone of the hub: every time is written in it. */
  zone: string
}

export interface Slot {
  start: Date
  end: Date
}

export interface BookingEmail {
  kind: BookingEmailKind
  locale: Locale
  title: string
  teamName: string | null
  place: Place
  /** The occurrences the message is about (one email per series lists them all). */
  slots: Slot[]
  /** `${publicUrl}/bookings/<id>` */
  link: string
  reason?: string | null
  scope?: 'occurrence' | 'following' | 'series'
  /** Where a moved occurrence was. */
  previous?: Slot
  /** Who asked, for the operator's approval request. */
  requestedBy?: string | null
  /** The equipment booked, by type with how many. */
  equipment?: Array<{ name: string; quantity: number }>
}

interface Copy {
  subject: (t: string, m: BookingEmail) => string
  heading: string
  intro: (m: BookingEmail) => string
}

const COPY: Record<Locale, Record<BookingEmailKind, Copy>> = {
  it: {
    'booking.confirmed': {
      subject: (t) => `Prenotazione confermata: ${t}`,
      heading: 'La prenotazione è confermata',
      intro: (m) => `Il laboratorio ${m.place.labName} è prenotato${m.teamName ? ` per ${m.teamName}` : ''}.`,
    },
    'booking.pending': {
      subject: (t) => `Prenotazione in attesa di approvazione: ${t}`,
      heading: 'La richiesta è in attesa di approvazione',
      intro: (m) =>
        `Abbiamo ricevuto la richiesta per il laboratorio ${m.place.labName}. Il gestore dell’hub deve approvarla: riceverai un’email con l’esito. Nel frattempo lo spazio resta riservato.`,
    },
    'booking.awaiting_approval': {
      subject: (t, m) => `Da approvare: ${t}${m.teamName ? ` (${m.teamName})` : ''}`,
      heading: 'Una prenotazione attende la tua approvazione',
      intro: (m) =>
        `${m.teamName ?? m.requestedBy ?? 'Un gruppo'} ha chiesto di prenotare il laboratorio ${m.place.labName}. Approva o rifiuta la richiesta dalla pagina della prenotazione.`,
    },
    'booking.approved': {
      subject: (t) => `Prenotazione approvata: ${t}`,
      heading: 'La prenotazione è stata approvata',
      intro: (m) => `Il gestore dell’hub ha approvato la prenotazione del laboratorio ${m.place.labName}.`,
    },
    'booking.rejected': {
      subject: (t) => `Prenotazione non approvata: ${t}`,
      heading: 'La prenotazione non è stata approvata',
      intro: (m) => `Il gestore dell’hub non ha approvato la prenotazione del laboratorio ${m.place.labName}.`,
    },
    'booking.moved': {
      subject: (t) => `Prenotazione spostata: ${t}`,
      heading: 'La prenotazione è stata spostata',
      intro: (m) => `La prenotazione del laboratorio ${m.place.labName} ha un nuovo orario.`,
    },
    'booking.updated': {
      subject: (t) => `Prenotazione aggiornata: ${t}`,
      heading: 'La prenotazione è stata aggiornata',
      intro: (m) => `La prenotazione del laboratorio ${m.place.labName} ha un nuovo titolo; l’orario non cambia.`,
    },
    'booking.cancelled': {
      subject: (t) => `Prenotazione annullata: ${t}`,
      heading: 'La prenotazione è stata annullata',
      intro: (m) =>
        m.scope === 'series'
          ? `È stata annullata l’intera serie di prenotazioni del laboratorio ${m.place.labName}.`
          : m.scope === 'following'
            ? `Sono state annullate questa data e le successive della serie nel laboratorio ${m.place.labName}.`
            : `È stata annullata la prenotazione del laboratorio ${m.place.labName}.`,
    },
    'booking.closure_cancelled': {
      subject: (t) => `Prenotazione annullata per chiusura: ${t}`,
      heading: 'La prenotazione è annullata per una chiusura',
      intro: (m) =>
        `L’hub ${m.place.hubName} sarà chiuso: la prenotazione del laboratorio ${m.place.labName} è annullata. Ci scusiamo per il disagio.`,
    },
    'waitlist.promoted': {
      subject: (t) => `Dalla lista d’attesa: ${t} è prenotato`,
      heading: 'Si è liberato lo spazio che aspettavi',
      intro: (m) => `La richiesta in lista d’attesa è diventata una prenotazione del laboratorio ${m.place.labName}.`,
    },
    'booking.reminder': {
      subject: (t) => `Promemoria per domani: ${t}`,
      heading: 'Promemoria: domani hai una prenotazione',
      intro: (m) => `Ti ricordiamo la prenotazione del laboratorio ${m.place.labName}.`,
    },
    'booking.released': {
      subject: (t) => `Prenotazione liberata per mancato check-in: ${t}`,
      heading: 'Lo spazio è stato liberato',
      intro: (m) =>
        `Nessuno ha fatto il check-in per la prenotazione del laboratorio ${m.place.labName} entro l’orario previsto: lo spazio è stato liberato per altri gruppi e la prenotazione risulta come assenza. Se siete arrivati in ritardo, rivolgetevi al gestore dell’hub: può ripristinarla finché lo spazio è libero.`,
    },
    'booking.reinstated': {
      subject: (t) => `Prenotazione ripristinata: ${t}`,
      heading: 'La prenotazione è stata ripristinata',
      intro: (m) => `Il gestore dell’hub ha ripristinato la prenotazione del laboratorio ${m.place.labName}.`,
    },
    'booking.restored': {
      subject: (t) => `Prenotazione ripristinata: ${t}`,
      heading: 'L’annullamento è stato ritirato',
      intro: (m) =>
        `L’annullamento appena comunicato della prenotazione del laboratorio ${m.place.labName} è stato ritirato: la prenotazione resta valida. Ignora l’email di annullamento.`,
    },
  },
  en: {
    'booking.confirmed': {
      subject: (t) => `Booking confirmed: ${t}`,
      heading: 'Your booking is confirmed',
      intro: (m) => `The lab ${m.place.labName} is booked${m.teamName ? ` for ${m.teamName}` : ''}.`,
    },
    'booking.pending': {
      subject: (t) => `Booking awaiting approval: ${t}`,
      heading: 'Your request awaits approval',
      intro: (m) =>
        `We received your request for the lab ${m.place.labName}. The hub’s operator must approve it: you will get an email with the outcome. Meanwhile the space stays reserved.`,
    },
    'booking.awaiting_approval': {
      subject: (t, m) => `To approve: ${t}${m.teamName ? ` (${m.teamName})` : ''}`,
      heading: 'A booking awaits your approval',
      intro: (m) =>
        `${m.teamName ?? m.requestedBy ?? 'A team'} asked to book the lab ${m.place.labName}. Approve or reject the request from the booking’s page.`,
    },
    'booking.approved': {
      subject: (t) => `Booking approved: ${t}`,
      heading: 'Your booking was approved',
      intro: (m) => `The hub’s operator approved your booking of the lab ${m.place.labName}.`,
    },
    'booking.rejected': {
      subject: (t) => `Booking not approved: ${t}`,
      heading: 'Your booking was not approved',
      intro: (m) => `The hub’s operator did not approve your booking of the lab ${m.place.labName}.`,
    },
    'booking.moved': {
      subject: (t) => `Booking moved: ${t}`,
      heading: 'Your booking was moved',
      intro: (m) => `Your booking of the lab ${m.place.labName} has a new time.`,
    },
    'booking.updated': {
      subject: (t) => `Booking updated: ${t}`,
      heading: 'Your booking was updated',
      intro: (m) => `Your booking of the lab ${m.place.labName} has a new title; its time is unchanged.`,
    },
    'booking.cancelled': {
      subject: (t) => `Booking cancelled: ${t}`,
      heading: 'Your booking was cancelled',
      intro: (m) =>
        m.scope === 'series'
          ? `The whole series of bookings of the lab ${m.place.labName} was cancelled.`
          : m.scope === 'following'
            ? `This date and the following ones of the series in the lab ${m.place.labName} were cancelled.`
            : `Your booking of the lab ${m.place.labName} was cancelled.`,
    },
    'booking.closure_cancelled': {
      subject: (t) => `Booking cancelled by a closure: ${t}`,
      heading: 'Your booking is cancelled by a closure',
      intro: (m) => `The hub ${m.place.hubName} will be closed: your booking of the lab ${m.place.labName} is cancelled. We apologise.`,
    },
    'waitlist.promoted': {
      subject: (t) => `From the waiting list: ${t} is booked`,
      heading: 'The space you were waiting for is free',
      intro: (m) => `Your waiting-list request became a booking of the lab ${m.place.labName}.`,
    },
    'booking.reminder': {
      subject: (t) => `Reminder for tomorrow: ${t}`,
      heading: 'Reminder: you have a booking tomorrow',
      intro: (m) => `A reminder of your booking of the lab ${m.place.labName}.`,
    },
    'booking.released': {
      subject: (t) => `Booking released, nobody checked in: ${t}`,
      heading: 'The space was released',
      intro: (m) =>
        `Nobody checked in for your booking of the lab ${m.place.labName} in time: the space is free for other teams and the booking counts as a no-show. If you arrived late, ask the hub’s operator: they can reinstate it while the space is free.`,
    },
    'booking.reinstated': {
      subject: (t) => `Booking reinstated: ${t}`,
      heading: 'Your booking was reinstated',
      intro: (m) => `The hub’s operator reinstated your booking of the lab ${m.place.labName}.`,
    },
    'booking.restored': {
      subject: (t) => `Booking restored: ${t}`,
      heading: 'The cancellation was withdrawn',
      intro: (m) =>
        `The cancellation just sent for your booking of the lab ${m.place.labName} was withdrawn: the booking stands. Please ignore the cancellation email.`,
    },
  },
}

const LABELS = {
  it: {
    title: 'Attività',
    team: 'Gruppo',
    lab: 'Laboratorio',
    equipment: 'Attrezzature prenotate',
    hub: 'Hub',
    address: 'Indirizzo',
    phone: 'Telefono',
    email: 'Email',
    when: 'Quando',
    dates: (n: number) => `Date (${n}):`,
    cancelledDates: (n: number) => (n === 1 ? 'Data annullata:' : `Date annullate (${n}):`),
    before: 'Prima',
    after: 'Ora',
    reason: 'Motivo',
    open: 'Apri la prenotazione',
    calendar: 'In allegato trovi l’invito per il tuo calendario.',
  },
  en: {
    title: 'Activity',
    team: 'Team',
    lab: 'Lab',
    equipment: 'Equipment booked',
    hub: 'Hub',
    address: 'Address',
    phone: 'Phone',
    email: 'Email',
    when: 'When',
    dates: (n: number) => `Dates (${n}):`,
    cancelledDates: (n: number) => (n === 1 ? 'Cancelled date:' : `Cancelled dates (${n}):`),
    before: 'Before',
    after: 'Now',
    reason: 'Reason',
    open: 'Open the booking',
    calendar: 'The invitation for your calendar is attached.',
  },
}

const WITH_CALENDAR = new Set<BookingEmailKind>([
  'booking.confirmed',
  'booking.pending',
  'booking.approved',
  'booking.rejected',
  'booking.moved',
  'booking.updated',
  'booking.cancelled',
  'booking.closure_cancelled',
  'waitlist.promoted',
  'booking.released',
  'booking.reinstated',
  'booking.restored',
])

/** Every kind of booking email (each one a template with its link to the booking's page). */
export const BOOKING_EMAIL_KINDS = Object.keys(COPY.it) as BookingEmailKind[]

/** The subject line alone (a reminder's row shows it in the admin outbox until its body is written). */
export function bookingEmailSubject(m: BookingEmail): string {
  return COPY[m.locale][m.kind].subject(m.title, m)
}

/** Data → subject, HTML and text of a booking email, in the recipient's language. Pure. */
export function renderBookingEmail(m: BookingEmail): RenderedEmail {
  const copy = COPY[m.locale][m.kind]
  const l = LABELS[m.locale]
  const slot = (s: Slot) => formatSlot(s.start, s.end, m.place.zone, m.locale)
  const rows: Array<[string, string]> = [[l.title, m.title]]
  if (m.teamName) rows.push([l.team, m.teamName])
  rows.push([l.lab, m.place.labName], [l.hub, m.place.hubName], [l.address, m.place.address])
  if (m.place.phone) rows.push([l.phone, m.place.phone])
  if (m.place.email) rows.push([l.email, m.place.email])
  if (m.equipment?.length) rows.push([l.equipment, m.equipment.map((e) => `${e.name} × ${e.quantity}`).join(', ')])
  const blocks: Block[] = [{ kind: 'paragraph', text: copy.intro(m) }]
  if (m.kind === 'booking.moved' && m.previous) {
    rows.push([l.before, slot(m.previous)], [l.after, m.slots.map(slot).join('; ')])
  } else if (m.slots.length === 1) {
    rows.push([l.when, slot(m.slots[0])])
  }
  blocks.push({ kind: 'details', rows })
  if (m.slots.length > 1 && m.kind !== 'booking.moved') {
    const cancelled =
      m.kind === 'booking.cancelled' ||
      m.kind === 'booking.closure_cancelled' ||
      m.kind === 'booking.rejected' ||
      m.kind === 'booking.released'
    blocks.push({ kind: 'list', heading: cancelled ? l.cancelledDates(m.slots.length) : l.dates(m.slots.length), items: m.slots.map(slot) })
  }
  if (m.reason) blocks.push({ kind: 'paragraph', text: `${l.reason}: ${m.reason}` })
  if (WITH_CALENDAR.has(m.kind)) blocks.push({ kind: 'paragraph', text: l.calendar })
  blocks.push({ kind: 'button', label: l.open, url: m.link })
  return renderLayout(m.locale, bookingEmailSubject(m), copy.heading, blocks)
}

export interface MagicLinkEmail {
  locale: Locale
  name: string | null
  url: string
  minutes: number
}

export interface UseOidcEmail {
  locale: 'it' | 'en'
  name: string | null
  url: string
}

/** Sent instead of a sign-in link to an account that must use SPID/CIE (AUTH_PASSWORD). */
export function renderUseOidcEmail(m: UseOidcEmail): RenderedEmail {
  if (m.locale === 'en') {
    return renderLayout('en', 'Sign in to Spazi Comuni with SPID or CIE', m.name ? `Hello ${m.name}` : 'Hello', [
      { kind: 'paragraph', text: 'You asked for a sign-in link. Team accounts sign in with SPID or CIE, not with links or passwords.' },
      { kind: 'button', label: 'Sign in with SPID or CIE', url: m.url },
      { kind: 'paragraph', text: 'If you did not ask for it, ignore this email.' },
    ])
  }
  return renderLayout('it', 'Accedi a Spazi Comuni con SPID o CIE', m.name ? `Ciao ${m.name}` : 'Ciao', [
    { kind: 'paragraph', text: 'Hai chiesto un link di accesso. Gli account dei team accedono con SPID o CIE, non con link o password.' },
    { kind: 'button', label: 'Entra con SPID o CIE', url: m.url },
    { kind: 'paragraph', text: 'Se non l’hai chiesto tu, ignora questa email.' },
  ])
}

export function renderMagicLinkEmail(m: MagicLinkEmail): RenderedEmail {
  if (m.locale === 'en') {
    return renderLayout('en', 'Your Spazi Comuni sign-in link', m.name ? `Hello ${m.name}` : 'Hello', [
      { kind: 'paragraph', text: `Open this link within ${m.minutes} minutes to sign in to Spazi Comuni. It works once.` },
      { kind: 'button', label: 'Sign in', url: m.url },
      { kind: 'paragraph', text: 'If you did not ask for it, ignore this email: nobody can sign in without the link.' },
    ])
  }
  return renderLayout('it', 'Il tuo link di accesso a Spazi Comuni', m.name ? `Ciao ${m.name}` : 'Ciao', [
    { kind: 'paragraph', text: `Apri questo link entro ${m.minutes} minuti per accedere a Spazi Comuni. Funziona una sola volta.` },
    { kind: 'button', label: 'Accedi', url: m.url },
    { kind: 'paragraph', text: 'Se non l’hai chiesto tu, ignora questa email: senza il link nessuno può accedere.' },
  ])
}

export interface TeamInvitationEmail {
  locale: Locale
  teamName: string
  /** Who invited, as that member is named in the team. */
  inviterName: string | null
  url: string
  days: number
}

/** An invitation to join a team: nothing happens unless the person opens the link and accepts. */
export function renderTeamInvitationEmail(m: TeamInvitationEmail): RenderedEmail {
  if (m.locale === 'en') {
    return renderLayout('en', `Invitation to join ${m.teamName} on Spazi Comuni`, 'Hello', [
      {
        kind: 'paragraph',
        text: `${m.inviterName ?? 'A member of the team'} invites you to join the team “${m.teamName}” on Spazi Comuni, to book labs and see the team’s bookings.`,
      },
      { kind: 'button', label: 'See the invitation', url: m.url },
      {
        kind: 'paragraph',
        text: `The link works for ${m.days} days. You join only if you accept; if you do not know this team, ignore this email.`,
      },
    ])
  }
  return renderLayout('it', `Invito a unirti a ${m.teamName} su Spazi Comuni`, 'Ciao', [
    {
      kind: 'paragraph',
      text: `${m.inviterName ?? 'Un membro della squadra'} ti invita a unirti alla squadra «${m.teamName}» su Spazi Comuni, per prenotare i laboratori e vedere le prenotazioni della squadra.`,
    },
    { kind: 'button', label: 'Vedi l’invito', url: m.url },
    {
      kind: 'paragraph',
      text: `Il link vale ${m.days} giorni. Entri nella squadra solo se accetti; se non conosci questa squadra, ignora questa email.`,
    },
  ])
}

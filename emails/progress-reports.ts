import type { Locale } from './format.ts'
import { type RenderedEmail, renderLayout } from './layout.ts'

/** Emails about a team's progress reports: reviewed (accepted or sent back), and reminders of a due report. */
export type ProgressEmail =
  | { kind: 'accepted' | 'returned'; teamName: string; from: string; to: string; comment: string | null; url: string }
  | { kind: 'due_soon' | 'overdue'; teamName: string; from: string; to: string; dueOn: string; url: string }

const dateFmt = (locale: Locale) =>
  new Intl.DateTimeFormat(locale === 'it' ? 'it-IT' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
const day = (iso: string, locale: Locale) => dateFmt(locale).format(new Date(`${iso}T00:00:00Z`))
/** The last day of a half-open period, as people say it. */
const lastDay = (to: string, locale: Locale) => day(new Date(Date.parse(`${to}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10), locale)

const T = {
  it: {
    accepted: 'Relazione accettata',
    returned: 'Relazione da rivedere',
    due_soon: 'Relazione di avanzamento in scadenza',
    overdue: 'Relazione di avanzamento scaduta',
    period: 'Periodo',
    team: 'Progetto',
    due: 'Scadenza',
    comment: 'Commento',
    open: 'Apri le relazioni',
    acceptedText: 'La relazione di avanzamento è stata accettata. Grazie.',
    returnedText: 'La relazione di avanzamento è stata rimandata con un commento: correggila e inviala di nuovo.',
    dueSoonText: 'Ricorda di inviare la relazione di avanzamento del periodo entro la scadenza.',
    overdueText: 'La relazione di avanzamento del periodo non è ancora arrivata: inviala appena puoi.',
  },
  en: {
    accepted: 'Progress report accepted',
    returned: 'Progress report sent back',
    due_soon: 'Progress report due soon',
    overdue: 'Progress report overdue',
    period: 'Period',
    team: 'Project',
    due: 'Due',
    comment: 'Comment',
    open: 'Open the reports',
    acceptedText: 'The progress report has been accepted. Thank you.',
    returnedText: 'The progress report was sent back with a comment: please correct it and submit it again.',
    dueSoonText: 'Please remember to submit the progress report for the period by its due date.',
    overdueText: 'The progress report for the period has not arrived yet: please submit it as soon as you can.',
  },
} as const

export function renderProgressEmail(m: ProgressEmail, locale: Locale): RenderedEmail {
  const t = T[locale]
  const heading = t[m.kind]
  const subject = `${heading} — ${m.teamName}`
  const period = `${day(m.from, locale)} – ${lastDay(m.to, locale)}`
  const rows: Array<[string, string]> = [
    [t.team, m.teamName],
    [t.period, period],
  ]
  if (m.kind === 'due_soon' || m.kind === 'overdue') rows.push([t.due, day(m.dueOn, locale)])
  const intro = { accepted: t.acceptedText, returned: t.returnedText, due_soon: t.dueSoonText, overdue: t.overdueText }[m.kind]
  const blocks = [
    { kind: 'paragraph' as const, text: intro },
    { kind: 'details' as const, rows: m.kind === 'returned' && m.comment ? [...rows, [t.comment, m.comment] as [string, string]] : rows },
    { kind: 'button' as const, label: t.open, url: m.url },
  ]
  return renderLayout(locale, subject, heading, blocks)
}

import { euros, longDate } from './call-format.ts'
import type { Locale } from './format.ts'
import { type Block, type RenderedEmail, renderLayout } from './layout.ts'

/** The emails of the call: one per step of an application's life, Italian and English, HTML and text. */

export type ApplicationStep =
  | 'submitted'
  | 'admissible'
  | 'excluded'
  | 'ranked'
  | 'awarded'
  | 'conditional'
  | 'confirmed'
  | 'not_funded'
  | 'tax_code_reminder'

export interface ApplicationEmail {
  locale: Locale
  step: ApplicationStep
  name: string | null
  callTitle: string
  title: string
  protocolNumber: number | null
  url: string
  exclusionReason?: string | null
  rank?: number | null
  fundingCents?: number
  hours?: number
  taxCodeDueOn?: string | null
}

const T = {
  it: {
    hello: (n: string | null) => (n ? `Ciao ${n}` : 'Ciao'),
    call: 'Bando',
    project: 'Progetto',
    protocol: 'Protocollo',
    open: 'Apri la domanda',
    subject: {
      submitted: (p: number | null) => `Domanda presentata — protocollo n. ${p}`,
      admissible: () => 'La tua domanda è stata ammessa alla valutazione',
      excluded: () => 'La tua domanda non è stata ammessa',
      ranked: () => 'Pubblicata la graduatoria del bando',
      awarded: () => 'Il tuo progetto è stato finanziato',
      conditional: () => 'Il tuo progetto è stato finanziato, a una condizione',
      confirmed: () => 'Assegnazione confermata',
      not_funded: () => 'Esito del bando',
      tax_code_reminder: () => 'Promemoria: il codice fiscale del nuovo ente',
    },
    body: (m: ApplicationEmail): string[] => {
      switch (m.step) {
        case 'submitted':
          return [
            `Abbiamo ricevuto la tua domanda. Il numero di protocollo è ${m.protocolNumber}.`,
            'In allegato trovi il riepilogo in PDF. Ti scriveremo a ogni passaggio della valutazione.',
          ]
        case 'admissible':
          return ['La domanda ha superato la verifica di ammissibilità e passa alla commissione di valutazione.']
        case 'excluded':
          return [`La domanda non è stata ammessa. Motivo: ${m.exclusionReason ?? ''}`]
        case 'ranked':
          return [`La graduatoria è stata pubblicata: il tuo progetto è al posto n. ${m.rank ?? '—'}.`]
        case 'awarded':
          return [`Al progetto sono assegnati ${euros(m.fundingCents ?? 0, 'it')} e ${m.hours ?? 0} ore negli spazi.`]
        case 'conditional':
          return [
            `Al progetto sono assegnati ${euros(m.fundingCents ?? 0, 'it')} e ${m.hours ?? 0} ore negli spazi.`,
            `Potete già prenotare gli spazi. Il contributo sarà erogato al nuovo ente: registrate il suo codice fiscale entro il ${longDate(m.taxCodeDueOn ?? '', 'it')}.`,
          ]
        case 'confirmed':
          return ['Abbiamo registrato il codice fiscale del nuovo ente: l’assegnazione è confermata e il contributo può essere erogato.']
        case 'not_funded':
          return ['Il progetto è in graduatoria ma non rientra tra quelli finanziati con il budget del bando. Grazie per aver partecipato.']
        case 'tax_code_reminder':
          return [
            `Ricordate di registrare il codice fiscale del nuovo ente entro il ${longDate(m.taxCodeDueOn ?? '', 'it')}: fino ad allora il contributo non può essere erogato.`,
          ]
      }
    },
  },
  en: {
    hello: (n: string | null) => (n ? `Hello ${n}` : 'Hello'),
    call: 'Call',
    project: 'Project',
    protocol: 'Protocol',
    open: 'Open the application',
    subject: {
      submitted: (p: number | null) => `Application submitted — protocol no. ${p}`,
      admissible: () => 'Your application is admitted to evaluation',
      excluded: () => 'Your application was not admitted',
      ranked: () => 'The ranking of the call is published',
      awarded: () => 'Your project is funded',
      conditional: () => 'Your project is funded, on one condition',
      confirmed: () => 'Award confirmed',
      not_funded: () => 'Outcome of the call',
      tax_code_reminder: () => 'Reminder: the new entity’s tax code',
    },
    body: (m: ApplicationEmail): string[] => {
      switch (m.step) {
        case 'submitted':
          return [
            `We received your application. Its protocol number is ${m.protocolNumber}.`,
            'Its summary is attached as a PDF. We will write to you at each step of the evaluation.',
          ]
        case 'admissible':
          return ['The application passed the admissibility check and goes to the evaluation committee.']
        case 'excluded':
          return [`The application was not admitted. Reason: ${m.exclusionReason ?? ''}`]
        case 'ranked':
          return [`The ranking is published: your project is number ${m.rank ?? '—'}.`]
        case 'awarded':
          return [`The project is awarded ${euros(m.fundingCents ?? 0, 'en')} and ${m.hours ?? 0} hours of space.`]
        case 'conditional':
          return [
            `The project is awarded ${euros(m.fundingCents ?? 0, 'en')} and ${m.hours ?? 0} hours of space.`,
            `You may book the spaces already. The money goes to the new entity: record its tax code by ${longDate(m.taxCodeDueOn ?? '', 'en')}.`,
          ]
        case 'confirmed':
          return ['We recorded the new entity’s tax code: the award is confirmed and the money can be paid.']
        case 'not_funded':
          return ['The project is in the ranking but outside those the call’s budget funds. Thank you for taking part.']
        case 'tax_code_reminder':
          return [
            `Remember to record the new entity’s tax code by ${longDate(m.taxCodeDueOn ?? '', 'en')}: until then no money can be paid.`,
          ]
      }
    },
  },
}

export function renderApplicationEmail(m: ApplicationEmail): RenderedEmail {
  const t = T[m.locale]
  const rows: Array<[string, string]> = [
    [t.call, m.callTitle],
    [t.project, m.title],
  ]
  if (m.protocolNumber !== null) rows.push([t.protocol, String(m.protocolNumber)])
  const blocks: Block[] = [
    ...t.body(m).map((text) => ({ kind: 'paragraph' as const, text })),
    { kind: 'details', rows },
    { kind: 'button', label: t.open, url: m.url },
  ]
  return renderLayout(m.locale, t.subject[m.step](m.protocolNumber), t.hello(m.name), blocks)
}

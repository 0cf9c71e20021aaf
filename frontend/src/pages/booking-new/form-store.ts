/**
 * The booking form's state: one store for every field, and what follows from it (the chosen lab, the
 * recurrence choice and its RRULE, the problems the form can tell before asking the server, the request).
 */
import { createAsync, useSearchParams } from '@solidjs/router'
import { createEffect, createMemo, on } from 'solid-js'
import { createStore, reconcile } from 'solid-js/store'
import { getLabs } from '../../api/catalogue.ts'
import type { BookingRequest, Lab } from '../../api/types.ts'
import { type TKey, t } from '../../i18n/index.ts'
import { addDays, isDate, today } from '../../lib/format.ts'
import { labNamer } from '../../lib/lab-names.ts'
import { buildRRule, firstOccurrenceDate, type RecurrenceChoice, recurrenceProblems } from '../../lib/rrule-builder.ts'
import { isStaff, useSession } from '../../session/session.tsx'

export type RepeatKind = 'once' | 'weekly' | 'everyNWeeks' | 'monthly'

export interface BookingFormFields {
  labId: string
  teamId: string
  title: string
  /** `YYYY-MM-DD`: the first day, or the day the recurrence starts from. */
  date: string
  startTime: string
  endTime: string
  participants: string
  repeat: RepeatKind
  interval: number
  /** ISO weekdays, Monday = 1. */
  days: number[]
  endKind: 'count' | 'until'
  count: number
  until: string
  /** Quantity by equipment type id. */
  equipment: Record<string, number>
  skipConflicts: boolean
}

type LinkParams = { labId?: string; date?: string; start?: string; end?: string; days?: string; until?: string }

/** The fields as the page opens: links (a lab page, "Trova un laboratorio") fill in lab, day, times and pattern. */
function initialFields(params: LinkParams, teams: { id: string }[], staff: boolean): BookingFormFields {
  const tomorrow = addDays(today(), 1)
  // "Trova un laboratorio" links here with its weekly pattern (days=2,4&until=…).
  const linkedDays = (params.days ?? '')
    .split(',')
    .map(Number)
    .filter((d) => d >= 1 && d <= 7)
  const linkedUntil = params.until && isDate(params.until) ? params.until : null
  return {
    labId: params.labId ?? '',
    teamId: teams.length === 1 || (!staff && teams.length > 0) ? teams[0].id : '',
    title: '',
    date: params.date && isDate(params.date) ? params.date : tomorrow,
    startTime: params.start ?? '14:00',
    endTime: params.end ?? '17:00',
    participants: '',
    repeat: linkedDays.length ? 'weekly' : 'once',
    interval: 2,
    days: linkedDays,
    endKind: linkedUntil ? 'until' : 'count',
    count: 10,
    until: linkedUntil ?? addDays(tomorrow, 90),
    equipment: {},
    skipConflicts: false,
  }
}

function recurrenceChoice(f: BookingFormFields): RecurrenceChoice {
  const end = f.endKind === 'count' ? { kind: 'count' as const, count: f.count } : { kind: 'until' as const, until: f.until }
  switch (f.repeat) {
    case 'weekly':
      return { kind: 'weekly', interval: 1, days: f.days, end }
    case 'everyNWeeks':
      return { kind: 'weekly', interval: f.interval, days: f.days, end }
    case 'monthly':
      return { kind: 'monthly', end }
    default:
      return { kind: 'once' }
  }
}

/** Problems the form can tell before asking the server. */
function formProblems(f: BookingFormFields, choice: RecurrenceChoice, staff: boolean): string[] {
  const list: string[] = []
  const missing: string[] = []
  if (!f.labId) missing.push(t('form.lab'))
  if (!f.title.trim()) missing.push(t('form.activity'))
  if (!isDate(f.date)) missing.push(t('form.date'))
  if (!f.startTime) missing.push(t('form.startTime'))
  if (!f.endTime) missing.push(t('form.endTime'))
  if (!staff && !f.teamId) missing.push(t('form.team'))
  if (missing.length) list.push(t('form.missing', { fields: missing.join(', ') }))
  if (f.startTime && f.endTime && f.endTime <= f.startTime) list.push(t('form.endBeforeStart'))
  for (const p of recurrenceProblems(choice, f.date)) list.push(t(`form.problem_${p}` as TKey))
  return list
}

/** The request the fields make, or null while they cannot make one. */
function bookingRequest(f: BookingFormFields, choice: RecurrenceChoice, rrule: string | null, firstDate: string): BookingRequest | null {
  if (!f.labId || !isDate(f.date) || !f.startTime || !f.endTime || f.endTime <= f.startTime) return null
  if (recurrenceProblems(choice, f.date).length) return null
  const body: BookingRequest = {
    labId: f.labId,
    title: f.title.trim() || t('form.title'),
    start: `${firstDate}T${f.startTime}`,
    end: `${firstDate}T${f.endTime}`,
  }
  if (f.teamId) body.teamId = f.teamId
  if (rrule) body.recurrence = { rrule }
  const eq = Object.entries(f.equipment)
    .filter(([, q]) => q > 0)
    .map(([typeId, quantity]) => ({ typeId, quantity }))
  if (eq.length) body.equipment = eq
  if (f.participants) body.expectedParticipants = Number(f.participants)
  if (f.skipConflicts) body.skipConflicts = true
  return body
}

/** Labs grouped by hub, hubs and labs by name. */
function groupByHub(labs: Lab[]): { hub: string; labs: Lab[] }[] {
  const groups = new Map<string, { hub: string; labs: Lab[] }>()
  for (const l of labs) {
    if (!groups.has(l.hubId)) groups.set(l.hubId, { hub: l.hub?.name ?? '', labs: [] })
    groups.get(l.hubId)?.labs.push(l)
  }
  return [...groups.values()]
    .sort((a, b) => a.hub.localeCompare(b.hub))
    .map((g) => ({ ...g, labs: g.labs.sort((a, b) => a.name.localeCompare(b.name)) }))
}

export function createBookingFormStore() {
  const session = useSession()
  const [params] = useSearchParams<LinkParams>()
  const labs = createAsync(() => getLabs())
  const staff = () => isStaff(session.user() ?? null)
  const teams = () => session.user()?.teams ?? []

  const [form, setForm] = createStore<BookingFormFields>(initialFields(params, teams(), staff()))

  const lab = createMemo(() => (labs() ?? []).find((l) => l.id === form.labId))
  const labsByHub = createMemo(() => groupByHub(labs() ?? []))
  const namer = createMemo(() => labNamer(labs() ?? []))
  const labName = (l: Lab) => namer().name(l)
  const choice = createMemo(() => recurrenceChoice(form))
  const rrule = createMemo(() => buildRRule(choice()))
  const firstDate = createMemo(() => firstOccurrenceDate(choice(), form.date))
  const localProblems = createMemo(() => formProblems(form, choice(), staff()))
  const request = createMemo(() => bookingRequest(form, choice(), rrule(), firstDate()))

  // Choosing weekly repetition starts from the weekday of the chosen date.
  createEffect(
    on(
      () => form.repeat,
      (r) => {
        if ((r === 'weekly' || r === 'everyNWeeks') && form.days.length === 0 && isDate(form.date)) {
          setForm('days', [new Date(`${form.date}T00:00:00Z`).getUTCDay() || 7])
        }
      },
    ),
  )
  // A new lab has other equipment.
  createEffect(
    on(
      () => form.labId,
      () => setForm('equipment', reconcile({})),
      { defer: true },
    ),
  )

  return { form, setForm, staff, teams, lab, labsByHub, labName, choice, rrule, firstDate, localProblems, request }
}

export type BookingFormStore = ReturnType<typeof createBookingFormStore>

import { randomUUID } from 'node:crypto'
import type { Transaction } from 'kysely'
import type { DateTime } from 'luxon'
import type { Database, IndicatorKind, LabType, LegalStatus } from '../schema.ts'

/**
 * The demo's programme (issue 16): the call that funded the demo teams a year ago, with its indicators,
 * each team's application, award (funding, hours: the team's first grant), tranches paid and planned, the
 * Comune's targets, three quarters of accepted progress reports with reported values, one report waiting
 * in the operators' queue, and the Comune's yearly financial progress. So the programme dashboard, the
 * transparency page and the progress reports show true figures on first start; the computed indicators
 * come from the bookings and attendance the rest of the demo seeds (demo-history.ts).
 *
 * The demo accounts are untouched; the team of `team@spazicomuni.demo` has no report for the last
 * quarter, which its members write themselves (and the browser test does). A few hundred rows: fast.
 */

interface ProgrammePlan {
  adminId: string
  areas: Array<{ id: string; key: string; is_target?: boolean }>
  hubs: Array<{ id: string; area_id: string; demo: { key: string } }>
  teams: Array<{ id: string; name: string; legal_status: LegalStatus; demo: { key: string; uses: string[] } }>
  grants: Array<{ id: string; team_id: string; hours: number | string; hub_id?: string | null; lab_type?: LabType | null }>
  teamMembers: Array<{ team_id: string; user_id: string }>
}

/** Funding per team (cents), and whether the team is the one still founding its entity. */
const FUNDING: Record<string, number> = { cucine: 8_000_000, sartoria: 9_500_000, orti: 4_000_000, codice: 11_000_000, donne: 6_500_000 }
/** The team whose last quarter is already waiting for review (its operator's queue is not empty). */
const WAITING_TEAM = 'codice'

const INDICATORS: Array<{ key: string; name: string; unit: string; kind: IndicatorKind; counts?: string; target: number }> = [
  { key: 'hours', name: 'Ore di attività svolte', unit: 'ore', kind: 'output', counts: 'hoursUsed', target: 250 },
  { key: 'participants', name: 'Partecipanti raggiunti', unit: 'persone', kind: 'output', counts: 'participants', target: 600 },
  { key: 'events', name: 'Attività realizzate', unit: 'attività', kind: 'output', counts: 'events', target: 80 },
  { key: 'young', name: 'Giovani raggiunti', unit: 'persone', kind: 'output', counts: 'participants:giovani', target: 150 },
  { key: 'women', name: 'Donne raggiunte', unit: 'persone', kind: 'output', counts: 'participants:donne', target: 200 },
  { key: 'trained', name: 'Persone formate', unit: 'persone', kind: 'output', target: 60 },
  { key: 'jobs', name: 'Persone che hanno trovato lavoro o formazione', unit: 'persone', kind: 'outcome', target: 12 },
  { key: 'volunteers', name: 'Volontari coinvolti', unit: 'persone', kind: 'outcome', target: 30 },
  { key: 'founded', name: 'Organizzazioni fondate', unit: 'organizzazioni', kind: 'outcome', target: 1 },
]

const NARRATIVES = [
  'Corsi avviati come da progetto; buona partecipazione dei ragazzi del quartiere grazie alle scuole.',
  'Il trimestre ha visto crescere i volontari; due partecipanti hanno iniziato un tirocinio.',
  'Attività regolari, un evento aperto al quartiere e una nuova collaborazione con la biblioteca.',
  'Trimestre intenso: laboratori pieni e una lista d’attesa; inserimenti lavorativi in crescita.',
]

export async function insertDemoProgramme(trx: Transaction<Database>, plan: ProgrammePlan, today: DateTime, callReference: string) {
  const day = (d: DateTime) => d.toFormat('yyyy-MM-dd')
  const callId = randomUUID()
  const opensAt = today.minus({ months: 15 }).set({ hour: 9 })
  const closesAt = today.minus({ months: 13 }).set({ hour: 12 })
  const rankedAt = today.minus({ months: 12, days: 14 })
  const targetAreas = plan.areas.filter((a) => a.is_target)
  await trx
    .insertInto('calls')
    .values({
      id: callId,
      title: callReference,
      description:
        'Il Comune invita enti del terzo settore e gruppi informali a proporre progetti di innovazione sociale nei quartieri prioritari: spazio nei laboratori, contributo economico e crowdfunding civico.',
      opens_at: opensAt.toJSDate(),
      closes_at: closesAt.toJSDate(),
      budget_cents: 50_000_000,
      max_funding_cents: 12_000_000,
      applicant_types: ['informal', 'association', 'cooperative', 'social_enterprise'],
      required_documents: ['progetto'],
      status: 'awarded',
      ranked_at: rankedAt.toJSDate(),
      created_by: plan.adminId,
      updated_at: rankedAt.toJSDate(),
    })
    .execute()
  if (targetAreas.length)
    await trx
      .insertInto('call_areas')
      .values(targetAreas.map((a) => ({ call_id: callId, area_id: a.id })))
      .execute()
  await trx
    .insertInto('call_criteria')
    .values([
      { call_id: callId, name: 'Impatto sociale nel quartiere', weight: 3, max_score: 10, position: 0 },
      { call_id: callId, name: 'Fattibilità e sostenibilità', weight: 2, max_score: 10, position: 1 },
      { call_id: callId, name: 'Rete di partner', weight: 1, max_score: 10, position: 2 },
    ])
    .execute()

  const indicatorIds = Object.fromEntries(INDICATORS.map((i) => [i.key, randomUUID()]))
  await trx
    .insertInto('indicators')
    .values(
      INDICATORS.map((i, position) => ({
        id: indicatorIds[i.key],
        call_id: callId,
        name: i.name,
        unit: i.unit,
        kind: i.kind,
        source: i.counts ? ('computed' as const) : ('reported' as const),
        counts: i.counts ?? null,
        position,
        created_by: plan.adminId,
      })),
    )
    .execute()

  const funded = plan.teams.filter((t) => FUNDING[t.demo.key] !== undefined)
  let protocol = 0
  for (const team of funded) {
    protocol++
    const informal = team.legal_status === 'informal'
    const grant = plan.grants.find((g) => g.team_id === team.id)!
    const applicant = plan.teamMembers.find((m) => m.team_id === team.id)!.user_id
    const taxCode = `97${String(4_100_150 + protocol * 1_013).padStart(9, '0')}`
    const applicationId = randomUUID()
    const funding = FUNDING[team.demo.key]
    const areaIds = [
      ...new Set(team.demo.uses.map((ref) => plan.hubs.find((h) => h.demo.key === ref.split('/')[0])?.area_id).filter((a) => !!a)),
    ] as string[]
    await trx
      .insertInto('applications')
      .values({
        id: applicationId,
        call_id: callId,
        applicant_user_id: applicant,
        status: informal ? 'conditional' : 'awarded',
        title: `${team.name}: il progetto`,
        summary: 'Attività formative e di comunità nei laboratori degli hub, aperte al quartiere.',
        applicant_type: team.legal_status,
        organisation_name: team.name,
        tax_code: informal ? null : taxCode,
        commit_to_incorporate: informal,
        requested_funding_cents: funding,
        protocol_number: protocol,
        submitted_at: closesAt.minus({ days: 10 - protocol }).toJSDate(),
        updated_at: rankedAt.toJSDate(),
      })
      .execute()
    if (areaIds.length)
      await trx
        .insertInto('application_areas')
        .values(areaIds.map((area_id) => ({ application_id: applicationId, area_id })))
        .execute()
    const awardId = randomUUID()
    await trx
      .insertInto('awards')
      .values({
        id: awardId,
        call_id: callId,
        application_id: applicationId,
        team_id: team.id,
        grant_id: grant.id,
        funding_cents: funding,
        hours: Number(grant.hours),
        hub_id: grant.hub_id ?? null,
        lab_type: grant.lab_type ?? null,
        status: informal ? 'conditional' : 'awarded',
        beneficiary_name: informal ? null : team.name,
        beneficiary_tax_code: informal ? null : taxCode,
        beneficiary_legal_status: informal ? null : (team.legal_status as Exclude<LegalStatus, 'informal'>),
        tax_code_due_on: informal ? day(today.plus({ days: 45 })) : null,
        confirmed_at: informal ? null : rankedAt.plus({ days: 3 }).toJSDate(),
        awarded_by: plan.adminId,
        created_at: rankedAt.plus({ days: 2 }).toJSDate(),
      })
      .execute()
    // 40 % paid at the start, 30 % at mid-term, the rest planned; nothing is paid to a group still founding its entity
    const share = (p: number) => Math.round((funding * p) / 100)
    await trx
      .insertInto('award_tranches')
      .values([
        informal
          ? { award_id: awardId, amount_cents: share(40), due_on: day(today.plus({ days: 60 })) }
          : {
              award_id: awardId,
              amount_cents: share(40),
              due_on: day(rankedAt.plus({ months: 1 })),
              status: 'paid',
              paid_on: day(rankedAt.plus({ months: 1 })),
            },
        informal
          ? { award_id: awardId, amount_cents: share(30), due_on: day(today.plus({ months: 4 })) }
          : {
              award_id: awardId,
              amount_cents: share(30),
              due_on: day(today.minus({ months: 5 })),
              status: 'paid',
              paid_on: day(today.minus({ months: 5 })),
            },
        { award_id: awardId, amount_cents: funding - share(40) - share(30), due_on: day(today.plus({ months: 6 })) },
      ])
      .execute()
    await trx
      .insertInto('indicator_targets')
      .values(
        INDICATORS.filter((i) => i.key !== 'founded' || informal).map((i) => ({
          team_id: team.id,
          indicator_id: indicatorIds[i.key],
          baseline: 0,
          target: i.key === 'hours' ? Math.round(Number(grant.hours) * 0.8) : i.target,
          updated_by: plan.adminId,
        })),
      )
      .execute()

    // three quarters accepted; the last one waits (one team) or is for the team to write
    const thisQuarter = today.startOf('quarter')
    for (let back = 4; back >= 1; back--) {
      const from = thisQuarter.minus({ months: 3 * back })
      const to = from.plus({ months: 3 })
      const last = back === 1
      if (last && team.demo.key !== WAITING_TEAM) continue
      const reportId = randomUUID()
      const n = protocol + back
      await trx
        .insertInto('progress_reports')
        .values({
          id: reportId,
          team_id: team.id,
          from_date: day(from),
          to_date: day(to),
          narrative: NARRATIVES[n % NARRATIVES.length],
          participants_by_category: JSON.stringify({ giovani: 10 + ((n * 7) % 20), donne: 12 + ((n * 5) % 25), disoccupati: 3 + (n % 6) }),
          status: last ? 'submitted' : 'accepted',
          submitted_by: applicant,
          submitted_at: to.plus({ days: 9 }).toJSDate(),
          reviewed_by: last ? null : plan.adminId,
          reviewed_at: last ? null : to.plus({ days: 16 }).toJSDate(),
        })
        .execute()
      await trx
        .insertInto('progress_report_values')
        .values([
          { report_id: reportId, indicator_id: indicatorIds.trained, value: 8 + ((n * 3) % 12) },
          { report_id: reportId, indicator_id: indicatorIds.jobs, value: 1 + (n % 3) },
          { report_id: reportId, indicator_id: indicatorIds.volunteers, value: 4 + (n % 5) },
          ...(informal && back === 2 ? [{ report_id: reportId, indicator_id: indicatorIds.founded, value: 1 }] : []),
        ])
        .execute()
    }
  }

  // the Comune's own figures per year (the calls' awards and paid tranches add to them on the dashboard)
  const year = today.year
  await trx
    .insertInto('programme_years')
    .values([
      { year: year - 2, programmed_cents: 60_000_000, committed_cents: 52_000_000, paid_cents: 41_000_000, updated_by: plan.adminId },
      { year: year - 1, programmed_cents: 70_000_000, committed_cents: 38_000_000, paid_cents: 22_000_000, updated_by: plan.adminId },
      { year, programmed_cents: 79_388_613, committed_cents: 12_000_000, paid_cents: 0, updated_by: plan.adminId },
    ])
    .onConflict((oc) => oc.column('year').doNothing())
    .execute()
}

import { z } from 'zod'
import { ProgrammeViewSchema, ProgrammeYearViewSchema } from './programme.ts'

/**
 * Answers of the outcomes routers that have no service module of their own (the client takes its types from
 * them: frontend/src/api/outcomes.ts). The indicators', reports' and evidence's schemas stay beside their use
 * cases (indicators.ts, team-indicators.ts, progress-reports.ts, evidence.ts, programme.ts).
 */

/** A participant category (`GET /participant-categories`). */
export const CategoryView = z.object({
  key: z.string(),
  labelIt: z.string(),
  labelEn: z.string(),
  position: z.number().int(),
  active: z.boolean(),
})

/** `POST /teams/:id/progress-reports`: the report sent. */
export const ReportSentView = z.object({ id: z.uuid(), status: z.enum(['submitted', 'accepted', 'returned']) })

/** `GET /programme`: the programme with its figures per year. */
export const ProgrammeWithYearsView = ProgrammeViewSchema.extend({ years: z.array(ProgrammeYearViewSchema) })

/** Figures shared by every level of the dashboard (a call, an area, a project, the totals). */
export const DashboardFigures = z.object({
  projects: z.number().int(),
  fundingCommittedCents: z.number().int(),
  fundingPaidCents: z.number().int(),
  hoursGranted: z.number(),
  hoursBooked: z.number(),
  hoursUsed: z.number().describe('Hours of completed activities in the period (attendance recorded)'),
  events: z.number().int(),
  participants: z.number().int(),
  participantsByCategory: z.record(z.string(), z.number()),
})

/** The programme dashboard (programme-dashboard.ts `Dashboard`). */
export const DashboardView = z.object({
  from: z.string().nullable(),
  to: z.string().nullable(),
  calls: z.array(DashboardFigures.extend({ callId: z.uuid(), title: z.string(), budgetCents: z.number().int() })),
  areas: z.array(
    DashboardFigures.extend({
      areaId: z.uuid(),
      name: z.string(),
      nilId: z.number().int().nullable(),
      municipio: z.number().int(),
      isTarget: z.boolean(),
    }),
  ),
  projects: z.array(
    DashboardFigures.extend({
      teamId: z.uuid(),
      teamName: z.string(),
      callId: z.uuid(),
      callTitle: z.string(),
      areas: z.array(z.object({ areaId: z.uuid(), name: z.string(), nilId: z.number().int().nullable(), municipio: z.number().int() })),
      reportedParticipantsByCategory: z
        .record(z.string(), z.number())
        .describe('Participants the team declared in its accepted reports (beside those recorded at attendance)'),
      indicators: z.array(
        z.object({
          indicatorId: z.uuid(),
          name: z.string(),
          unit: z.string(),
          kind: z.string(),
          source: z.string(),
          baseline: z.number().nullable(),
          target: z.number().nullable(),
          value: z.number(),
          progress: z.number().nullable(),
        }),
      ),
    }),
  ),
  trend: z.array(z.object({ month: z.string(), hoursUsed: z.number(), events: z.number().int(), participants: z.number().int() })),
  totals: DashboardFigures,
})

/** An economic benefit awarded (`GET /open-data/benefits.json`). */
export const BenefitView = z.object({
  awardId: z.string(),
  beneficiary: z.string(),
  taxCode: z.string().nullable(),
  amountCents: z.number().int(),
  amountEur: z.number(),
  legalBasis: z.string(),
  callId: z.string(),
  office: z.string().nullable(),
  responsible: z.string().nullable(),
  selectionMethod: z.string(),
  projectTitle: z.string(),
  projectUrl: z.string(),
  awardedOn: z.string(),
  status: z.enum(['awarded', 'conditional', 'revoked']),
  nilId: z.number().int().nullable(),
  area: z.string().nullable(),
  municipio: z.number().int().nullable(),
})

/** `GET /open-data/dictionary`: what each column of the open data sets means. */
export const DictionaryView = z.object({
  benefits: z.array(z.object({ column: z.string(), field: z.string(), type: z.string(), description: z.string() })),
  programme: z.record(z.string(), z.array(z.object({ column: z.string(), description: z.string() }))),
})

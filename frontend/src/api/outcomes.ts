import { query } from '@solidjs/router'
import type { z } from 'zod'
import type { EvidenceView } from '../../../backend/features/outcomes/evidence.ts'
import type { ProgressReportViewSchema } from '../../../backend/features/outcomes/progress-reports.ts'
import type {
  BenefitView,
  CategoryView,
  DashboardView,
  DictionaryView,
  ProgrammeWithYearsView,
} from '../../../backend/features/outcomes/schemas.ts'
import type { TeamIndicatorView } from '../../../backend/features/outcomes/team-indicators.ts'
import { api, uploadFile } from './client.ts'

/** The outcomes API (backend/features/outcomes, docs/outcomes.md). */

// The server's answers (type-only imports: nothing of the server reaches the bundle).
export type BenefitRecord = z.output<typeof BenefitView>
export type Dictionary = z.output<typeof DictionaryView>
export type Programme = z.output<typeof ProgrammeWithYearsView>
/** An indicator of the team's project, with its baseline, target and value so far. */
export type TeamIndicator = z.output<typeof TeamIndicatorView>
export type Category = z.output<typeof CategoryView>
export type ProgressReport = z.output<typeof ProgressReportViewSchema>
/** A report's evidence file (PDF or JPEG/PNG image); downloaded from `evidenceUrl`. */
export type Evidence = z.output<typeof EvidenceView>
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
export const evidenceUrl = (reportId: string, evidenceId: string) => `/api/v1/progress-reports/${reportId}/evidence/${evidenceId}`
export const uploadEvidence = (reportId: string, file: File) => uploadFile<Evidence>(`/progress-reports/${reportId}/evidence`, file)
export type Dashboard = z.output<typeof DashboardView>
export type Figures = Dashboard['totals']

export const getBenefits = query(() => api.get<BenefitRecord[]>('/open-data/benefits.json'), 'benefits')
export const getDictionary = query(() => api.get<Dictionary>('/open-data/dictionary'), 'open-data-dictionary')
export const getProgramme = query(() => api.get<Programme>('/programme'), 'programme')
export const getCategories = query(() => api.get<Category[]>('/participant-categories'), 'participant-categories')
export const getTeamIndicators = query((teamId: string) => api.get<TeamIndicator[]>(`/teams/${teamId}/indicators`), 'team-indicators')
export const getTeamReports = query((teamId: string) => api.get<ProgressReport[]>(`/teams/${teamId}/progress-reports`), 'team-reports')
export const getReviewQueue = query(() => api.get<ProgressReport[]>('/progress-reports', { status: 'submitted' }), 'review-queue')
export const getDashboard = query(
  (from: string, to: string) => api.get<Dashboard>('/reports/programme', { from, to }),
  'programme-dashboard',
)

import { query } from '@solidjs/router'
import { api, uploadFile } from './client.ts'

/** The outcomes API (backend/features/outcomes, docs/outcomes.md). */

export interface BenefitRecord {
  awardId: string
  beneficiary: string
  taxCode: string | null
  amountCents: number
  legalBasis: string
  office: string | null
  responsible: string | null
  selectionMethod: string
  projectTitle: string
  awardedOn: string
  status: 'awarded' | 'conditional' | 'revoked'
  nilId: number | null
  area: string | null
  municipio: number | null
}
export interface DictionaryEntry {
  column: string
  type?: string
  description: string
}
export interface ProgrammeYear {
  year: number
  programmedCents: number
  committedCents: number
  paidCents: number
  notes: string | null
  fromCalls: { committedCents: number; paidCents: number }
  totalCommittedCents: number
  totalPaidCents: number
}
export interface Programme {
  title: string
  fund: string
  cup: string
  projectCode: string
  programmedCents: number
  responsibleOffice: string | null
  responsiblePerson: string | null
  years: ProgrammeYear[]
}
export interface TeamIndicator {
  id: string
  name: string
  unit: string
  kind: 'output' | 'outcome'
  source: 'computed' | 'reported'
  baseline: number | null
  target: number | null
  value: number
}
export interface Category {
  key: string
  labelIt: string
  labelEn: string
}
export interface ProgressReport {
  id: string
  teamId: string
  teamName: string
  from: string
  to: string
  status: 'submitted' | 'accepted' | 'returned'
  narrative: string
  values: Array<{ indicatorId: string; value: number }>
  participantsByCategory: Record<string, number> | null
  submittedAt: string
  submittedBy: string | null
  reviewComment: string | null
  evidence: Evidence[]
}
/** A report's evidence file (PDF or JPEG/PNG image); downloaded from `evidenceUrl`. */
export interface Evidence {
  id: string
  filename: string
  contentType: 'application/pdf' | 'image/jpeg' | 'image/png'
  sizeBytes: number
  uploadedAt: string
}
export const EVIDENCE_MAX_BYTES = 5 * 1024 * 1024
export const evidenceUrl = (reportId: string, evidenceId: string) => `/api/v1/progress-reports/${reportId}/evidence/${evidenceId}`
export const uploadEvidence = (reportId: string, file: File) => uploadFile<Evidence>(`/progress-reports/${reportId}/evidence`, file)
export interface Figures {
  projects: number
  fundingCommittedCents: number
  fundingPaidCents: number
  hoursGranted: number
  hoursBooked: number
  hoursUsed: number
  events: number
  participants: number
  participantsByCategory: Record<string, number>
}
export interface Dashboard {
  calls: Array<Figures & { callId: string; title: string; budgetCents: number }>
  areas: Array<Figures & { areaId: string; name: string; nilId: number | null; municipio: number; isTarget: boolean }>
  projects: Array<
    Figures & {
      teamId: string
      teamName: string
      callTitle: string
      areas: Array<{ name: string; nilId: number | null; municipio: number }>
      indicators: Array<{ indicatorId: string; name: string; unit: string; value: number; target: number | null; progress: number | null }>
    }
  >
  trend: Array<{ month: string; hoursUsed: number; events: number; participants: number }>
  totals: Figures
}

export const getBenefits = query(() => api.get<BenefitRecord[]>('/open-data/benefits.json'), 'benefits')
export const getDictionary = query(
  () => api.get<{ benefits: DictionaryEntry[]; programme: Record<string, DictionaryEntry[]> }>('/open-data/dictionary'),
  'open-data-dictionary',
)
export const getProgramme = query(() => api.get<Programme>('/programme'), 'programme')
export const getCategories = query(() => api.get<Category[]>('/participant-categories'), 'participant-categories')
export const getTeamIndicators = query((teamId: string) => api.get<TeamIndicator[]>(`/teams/${teamId}/indicators`), 'team-indicators')
export const getTeamReports = query((teamId: string) => api.get<ProgressReport[]>(`/teams/${teamId}/progress-reports`), 'team-reports')
export const getReviewQueue = query(() => api.get<ProgressReport[]>('/progress-reports', { status: 'submitted' }), 'review-queue')
export const getDashboard = query(
  (from: string, to: string) => api.get<Dashboard>('/reports/programme', { from, to }),
  'programme-dashboard',
)

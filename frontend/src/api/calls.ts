import { api, uploadFile } from './client.ts'

/** The call (bando), CONTRACT §8. */

export type CallStatus = 'draft' | 'open' | 'closed' | 'ranked' | 'awarded'
export type LegalStatus = 'informal' | 'association' | 'cooperative' | 'social_enterprise' | 'other'
export type ApplicationStatus =
  | 'draft'
  | 'submitted'
  | 'admissible'
  | 'excluded'
  | 'scored'
  | 'ranked'
  | 'awarded'
  | 'conditional'
  | 'not_funded'

export interface Criterion {
  id: string
  name: string
  weight: number
  maxScore: number
}

export interface Call {
  id: string
  title: string
  description: string
  opensAt: string
  closesAt: string
  budgetCents: number
  maxFundingCents: number
  applicantTypes: LegalStatus[]
  areaIds: string[]
  criteria: Criterion[]
  requiredDocuments: string[]
  status: CallStatus
}

export interface LabNeed {
  labType: string
  hoursPerWeek: number
  weeks: number
}

export interface Application {
  id: string
  callId: string
  status: ApplicationStatus
  title: string
  summary: string
  activities: string
  applicantType: LegalStatus
  organisationName: string
  taxCode: string | null
  promoters: Array<{ name: string; email?: string | null }>
  commitToIncorporate: boolean
  areaIds: string[]
  labNeeds: LabNeed[]
  requestedFundingCents: number
  crowdfundingGoalCents: number
  indicators: Array<{ name: string; unit: string; baseline: number; target: number }>
  attachments: Array<{ id: string; kind: string; filename: string; sizeBytes: number }>
  protocolNumber: number | null
  submittedAt: string | null
  exclusionReason: string | null
  award: { id: string; status: string; teamId: string; fundingCents: number; hours: number; taxCodeDueOn: string | null } | null
}

export interface RankingRow {
  applicationId: string
  rank: number | null
  score: number | null
  admissible: boolean
  protocolNumber: number
  title: string
  organisationName: string
}

export interface Evaluation {
  conflictOfInterest: boolean | null
  comment: string | null
  scores: Array<{ criterionId: string; score: number }>
}

export interface Admissibility {
  checks: Array<{ rule: string; ok: boolean }>
  suggested: boolean
  admissible: boolean | null
  reason: string | null
}

export const getCalls = (status?: CallStatus) => api.get<Call[]>('/calls', { status })
export const getCall = (id: string) => api.get<Call>(`/calls/${id}`)
export const getRanking = (callId: string) => api.get<RankingRow[]>(`/calls/${callId}/ranking`)
export const getCallApplications = (callId: string) => api.get<Application[]>(`/calls/${callId}/applications`)
export const createApplication = (callId: string, body: Partial<Application>) =>
  api.post<{ id: string; status: 'draft' }>(`/calls/${callId}/applications`, body)
export const getMyApplications = () => api.get<Application[]>('/me/applications')
export const getApplication = (id: string) => api.get<Application>(`/applications/${id}`)
export const patchApplication = (id: string, body: Partial<Application>) => api.patch<Application>(`/applications/${id}`, body)
export const submitApplication = (id: string) => api.post<{ status: 'submitted'; protocolNumber: number }>(`/applications/${id}/submit`)
export const getOwnEvaluation = (id: string) => api.get<Evaluation>(`/applications/${id}/scores`)
export const putScores = (id: string, body: { conflictOfInterest: boolean; comment?: string; scores: Evaluation['scores'] }) =>
  api.put<Evaluation>(`/applications/${id}/scores`, body)
export const getAdmissibility = (id: string) => api.get<Admissibility>(`/applications/${id}/admissibility`)
export const putAdmissibility = (id: string, body: { admissible: boolean; reason?: string }) =>
  api.put<Admissibility>(`/applications/${id}/admissibility`, body)

/** Uploads a PDF as the raw body (the server checks it is one by its content). */
export const uploadAttachment = (id: string, kind: string, file: File) =>
  uploadFile<{ id: string; kind: string; filename: string; sizeBytes: number }>(`/applications/${id}/attachments`, file, { kind })

/** What the Comune writes when drafting or editing a call (instants as local `YYYY-MM-DDTHH:mm`, Rome time). */
export interface CallInput {
  title: string
  description: string
  opensAt: string
  closesAt: string
  budgetCents: number
  maxFundingCents: number
  applicantTypes: LegalStatus[]
  areaIds: string[]
  criteria: Array<{ id?: string; name: string; weight: number; maxScore: number }>
  requiredDocuments: string[]
  incorporationDays: number
}

export interface CallWithEvaluators extends Call {
  incorporationDays?: number
  evaluatorIds?: string[]
}

export interface Tranche {
  id: string
  amountCents: number
  dueOn: string
  status: 'planned' | 'paid' | 'cancelled'
  paidOn: string | null
}

export interface Award {
  id: string
  callId: string
  applicationId: string
  teamId: string
  grantId: string | null
  concessionId: string | null
  fundingCents: number
  hours: number
  hubId: string | null
  labType: string | null
  status: 'awarded' | 'conditional' | 'revoked'
  /** Null while conditional: an informal group is not yet a beneficiary. */
  beneficiaryName: string | null
  beneficiaryTaxCode: string | null
  taxCodeDueOn: string | null
  awardedOn: string
  tranches: Tranche[]
}

export interface AwardInput {
  applicationId: string
  fundingCents: number
  hours: number
  hubId?: string | null
  labType?: string | null
  from?: string
  to?: string
  concessionId?: string
}

export interface AreaFigures {
  committedCents: number
  paidCents: number
  hoursGranted: number
  hoursUsed: number
}

export interface CallSummary extends AreaFigures {
  callId: string
  budgetCents: number
  /** Submitted applications (every status after draft). */
  applications: number
  /** Drafts never sent: not applications, shown apart. */
  drafts: number
  byStatus: Partial<Record<Exclude<ApplicationStatus, 'draft'>, number>>
  byArea: Array<AreaFigures & { areaId: string; applications: number; drafts: number }>
}

export interface EvaluatorAccount {
  id: string
  name: string
  email: string
  role: string
}

export const createCall = (body: CallInput) => api.post<CallWithEvaluators>('/calls', body)
export const getCallForAdmin = (id: string) => api.get<CallWithEvaluators>(`/calls/${id}`)
export const patchCall = (id: string, body: Partial<CallInput> & { status?: CallStatus; evaluatorIds?: string[] }) =>
  api.patch<CallWithEvaluators>(`/calls/${id}`, body)
export const getCallSummary = (id: string) => api.get<CallSummary>(`/calls/${id}/summary`)
export const publishRanking = (id: string) => api.post<RankingRow[]>(`/calls/${id}/ranking/publish`)
export const getCallAwards = (id: string) => api.get<Award[]>(`/calls/${id}/awards`)
export const createAward = (callId: string, body: AwardInput) => api.post<Award>(`/calls/${callId}/awards`, body)
export const getTeamAwards = (teamId: string) => api.get<Award[]>(`/teams/${teamId}/awards`)
export const confirmAward = (id: string, body: { taxCode: string; name: string; legalStatus: Exclude<LegalStatus, 'informal'> }) =>
  api.post<Award>(`/awards/${id}/tax-code`, body)
export const addTranche = (awardId: string, body: { amountCents: number; dueOn: string }) =>
  api.post<Award>(`/awards/${awardId}/tranches`, body)
export const patchTranche = (id: string, body: { status: Tranche['status']; paidOn?: string }) => api.patch<Award>(`/tranches/${id}`, body)
export const getEvaluators = () => api.get<EvaluatorAccount[]>('/users', { role: 'evaluator', limit: 1000 })

import { ApiProblem, api } from './client.ts'

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
export async function uploadAttachment(id: string, kind: string, file: File) {
  const res = await fetch(
    `/api/v1/applications/${id}/attachments?kind=${encodeURIComponent(kind)}&filename=${encodeURIComponent(file.name)}`,
    {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/pdf', Accept: 'application/json, application/problem+json' },
      body: file,
    },
  )
  const body = await res.json().catch(() => ({}))
  if (!res.ok) throw new ApiProblem(res.status, body)
  return body as { id: string; kind: string; filename: string; sizeBytes: number }
}

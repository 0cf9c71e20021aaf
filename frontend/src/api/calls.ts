import type { z } from 'zod'
import type {
  AdmissibilityBody,
  ApplicationBody,
  ApplicationPatch,
  AwardBody,
  CallBody,
  CallPatch,
  CallSummaryView,
  ScoresBody,
  TaxCodeBody,
  TrancheBody,
  TranchePatch,
} from '../../../backend/features/calls/schemas.ts'
import type {
  AdmissibilityViewSchema,
  ApplicationCreatedSchema,
  ApplicationViewSchema,
  AttachmentViewSchema,
  AwardViewSchema,
  CallViewSchema,
  EvaluationViewSchema,
  RankingRowSchema,
  SubmittedSchema,
} from '../../../backend/features/calls/views.ts'
import type { UserView } from '../../../backend/features/users/schemas.ts'
import { api, uploadFile } from './client.ts'

/**
 * The call (bando), CONTRACT §8. Every shape is the server's: answers are z.output of the response schemas
 * (backend/features/calls/views.ts), request bodies z.input of the request schemas (calls/schemas.ts).
 * Type-only imports: nothing of the server reaches the bundle.
 */

/** A call; `evaluatorIds` only for the Comune. */
export type Call = z.output<typeof CallViewSchema>
export type CallStatus = Call['status']
export type LegalStatus = Call['applicantTypes'][number]
export type Application = z.output<typeof ApplicationViewSchema>
export type RankingRow = z.output<typeof RankingRowSchema>
export type Evaluation = z.output<typeof EvaluationViewSchema>
export type Admissibility = z.output<typeof AdmissibilityViewSchema>
export type Award = z.output<typeof AwardViewSchema>
export type CallSummary = z.output<typeof CallSummaryView>
/** What the Comune writes when drafting a call (instants as local `YYYY-MM-DDTHH:mm`, Rome time). */
export type CallInput = z.input<typeof CallBody>
/** A call as the Comune reads it: with its evaluators and the days an informal group has to incorporate. */
export type CallWithEvaluators = Call
export type AwardInput = z.input<typeof AwardBody>
type EvaluatorAccount = z.output<typeof UserView>

export const getCalls = (status?: CallStatus) => api.get<Call[]>('/calls', { status })
export const getCall = (id: string) => api.get<Call>(`/calls/${id}`)
export const getRanking = (callId: string) => api.get<RankingRow[]>(`/calls/${callId}/ranking`)
export const getCallApplications = (callId: string) => api.get<Application[]>(`/calls/${callId}/applications`)
export const createApplication = (callId: string, body: z.input<typeof ApplicationBody>) =>
  api.post<z.output<typeof ApplicationCreatedSchema>>(`/calls/${callId}/applications`, body)
export const getMyApplications = () => api.get<Application[]>('/me/applications')
export const getApplication = (id: string) => api.get<Application>(`/applications/${id}`)
export const patchApplication = (id: string, body: z.input<typeof ApplicationPatch>) => api.patch<Application>(`/applications/${id}`, body)
export const submitApplication = (id: string) => api.post<z.output<typeof SubmittedSchema>>(`/applications/${id}/submit`)
export const getOwnEvaluation = (id: string) => api.get<Evaluation>(`/applications/${id}/scores`)
export const putScores = (id: string, body: z.input<typeof ScoresBody>) => api.put<Evaluation>(`/applications/${id}/scores`, body)
export const getAdmissibility = (id: string) => api.get<Admissibility>(`/applications/${id}/admissibility`)
export const putAdmissibility = (id: string, body: z.input<typeof AdmissibilityBody>) =>
  api.put<Admissibility>(`/applications/${id}/admissibility`, body)

/** Uploads a PDF as the raw body (the server checks it is one by its content). */
export const uploadAttachment = (id: string, kind: string, file: File) =>
  uploadFile<z.output<typeof AttachmentViewSchema>>(`/applications/${id}/attachments`, file, { kind })

export const createCall = (body: CallInput) => api.post<CallWithEvaluators>('/calls', body)
export const getCallForAdmin = (id: string) => api.get<CallWithEvaluators>(`/calls/${id}`)
export const patchCall = (id: string, body: z.input<typeof CallPatch>) => api.patch<CallWithEvaluators>(`/calls/${id}`, body)
export const getCallSummary = (id: string) => api.get<CallSummary>(`/calls/${id}/summary`)
export const publishRanking = (id: string) => api.post<RankingRow[]>(`/calls/${id}/ranking/publish`)
export const getCallAwards = (id: string) => api.get<Award[]>(`/calls/${id}/awards`)
export const createAward = (callId: string, body: AwardInput) => api.post<Award>(`/calls/${callId}/awards`, body)
export const getTeamAwards = (teamId: string) => api.get<Award[]>(`/teams/${teamId}/awards`)
export const confirmAward = (id: string, body: z.input<typeof TaxCodeBody>) => api.post<Award>(`/awards/${id}/tax-code`, body)
export const addTranche = (awardId: string, body: z.input<typeof TrancheBody>) => api.post<Award>(`/awards/${awardId}/tranches`, body)
export const patchTranche = (id: string, body: z.input<typeof TranchePatch>) => api.patch<Award>(`/tranches/${id}`, body)
export const getEvaluators = () => api.get<EvaluatorAccount[]>('/users', { role: 'evaluator', limit: 1000 })

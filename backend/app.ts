import path from 'node:path'
import { Hono } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { z } from 'zod'
import { type PoolStats, pingDatabase } from '../db/connect.ts'
import { adminRoutes } from './features/admin/routes.ts'
import { magicLinkRoutes } from './features/auth/magic-link-routes.ts'
import { authRoutes } from './features/auth/routes.ts'
import { availabilityRoutes } from './features/bookings/availability-routes.ts'
import { checkInRoutes } from './features/bookings/check-in-routes.ts'
import { bookingLifecycleRoutes } from './features/bookings/lifecycle-routes.ts'
import { bookingListRoutes } from './features/bookings/list-routes.ts'
import { bookingsRoutes } from './features/bookings/routes.ts'
import { waitlistRoutes } from './features/bookings/waitlist-routes.ts'
import { calendarsRoutes } from './features/calendars/routes.ts'
import { calendarUrlRoutes } from './features/calendars/url-routes.ts'
import { ATTACHMENT_UPLOAD_PATH, callsRoutes } from './features/calls/routes.ts'
import { labRoutes } from './features/catalogue/lab-routes.ts'
import { openingHoursRoutes } from './features/catalogue/opening-hours-routes.ts'
import { catalogueRoutes } from './features/catalogue/routes.ts'
import { certificationsRoutes } from './features/certifications/routes.ts'
import { closuresRoutes } from './features/closures/routes.ts'
import { concessionsRoutes } from './features/concessions/routes.ts'
import { loanRoutes } from './features/equipment/loan-routes.ts'
import { maintenanceRoutes } from './features/equipment/maintenance-routes.ts'
import { equipmentRoutes } from './features/equipment/routes.ts'
import { trainingRoutes } from './features/equipment/training-routes.ts'
import { equipmentTypeRoutes } from './features/equipment/type-routes.ts'
import { grantsRoutes } from './features/grants/routes.ts'
import { oidcCallbackRoutes } from './features/oidc/callback-routes.ts'
import { oidcRoutes } from './features/oidc/routes.ts'
import { EVIDENCE_UPLOAD_PATH, evidenceRoutes } from './features/outcomes/evidence-routes.ts'
import { programmeRoutes } from './features/outcomes/programme-routes.ts'
import { progressReportRoutes } from './features/outcomes/progress-report-routes.ts'
import { outcomeReportRoutes } from './features/outcomes/report-routes.ts'
import { indicatorRoutes } from './features/outcomes/routes.ts'
import { transparencyRoutes } from './features/outcomes/transparency-routes.ts'
import { privacyRoutes } from './features/privacy/routes.ts'
import { obligationReportRoutes } from './features/reports/obligation-routes.ts'
import { reportsOfficeRoutes } from './features/reports/office-routes.ts'
import { openDataReportRoutes } from './features/reports/open-data-routes.ts'
import { reportsRoutes } from './features/reports/routes.ts'
import { teamInvitationRoutes } from './features/teams/invitation-routes.ts'
import { teamMemberRoutes } from './features/teams/member-routes.ts'
import { teamsRoutes } from './features/teams/routes.ts'
import { meRoutes } from './features/users/me-routes.ts'
import { usersRoutes } from './features/users/routes.ts'
import { apiDocsRoutes } from './http/api-docs.ts'
import { closeWhenBodyUnread } from './http/connection.ts'
import type { AppEnv, Deps } from './http/context.ts'
import { csrfCheck } from './http/csrf.ts'
import { requestLanguage } from './http/i18n.ts'
import { http } from './http/messages.ts'
import { doc } from './http/openapi.ts'
import { handleError, problemResponse } from './http/problem.ts'
import { sessionMiddleware } from './http/session.ts'
import { staticClient } from './http/static-client.ts'
import { refuseUnstorableUrl } from './http/validation.ts'
import type { Logger } from './observability/logger.ts'
import { createMetrics } from './observability/metrics.ts'
import { metricsRoute } from './observability/metrics-route.ts'
import { requestIds, requestLog } from './observability/request-log.ts'
import { configureOutbox } from './outbox/settings.ts'

export interface AppOptions {
  /** Directory of the built client; omitted in API-only tests. */
  clientDir?: string
  log?: (msg: string, err?: unknown) => void
  /** One line per request (LOG_FORMAT); omitted in API tests. */
  logger?: Logger
  /** The database pool's state, for /metrics. */
  pool?: () => PoolStats
}

export const MAX_BODY_BYTES = 1024 * 1024
const API_VERSION = '1.0.0'

const healthDoc = {
  tag: 'Operations',
  summary: 'Whether the service and its database answer (for load balancers)',
  responses: {
    200: z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
    503: {
      description: 'The database does not answer (plain JSON, not a problem: load balancers read `status`).',
      schema: z.object({ status: z.literal('down'), database: z.enum(['pglite', 'postgres']) }),
    },
  },
  problems: [],
}

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
}

/** The whole HTTP surface, without listening: tests call app.request(). */
export function buildApp(deps: Deps, options: AppOptions = {}) {
  const log = options.log ?? ((msg: string, err?: unknown) => console.error(msg, err))
  // links in emails and invitations use this process's PUBLIC_URL
  configureOutbox(deps.config)
  const app = new Hono<AppEnv>()
  // first: texts read the request's language through it (i18n.ts), error handler included
  app.use('*', requestLanguage())
  app.onError(handleError(log))
  const metrics = deps.config.metricsToken
    ? createMetrics({ deps, pool: options.pool ?? (() => ({ max: 0, total: 0, idle: 0, waiting: 0 })) })
    : undefined
  app.use('*', requestIds())
  app.use('*', requestLog({ logger: options.logger, metrics }))
  app.use('*', closeWhenBodyUnread())
  app.use('*', secureHeaders({ contentSecurityPolicy: CSP, xFrameOptions: 'DENY', referrerPolicy: 'same-origin' }))

  const api = new Hono<AppEnv>()
  const bodyTooLarge = () => problemResponse('payload_too_large', http.bodyTooLarge())
  const jsonLimit = bodyLimit({ maxSize: MAX_BODY_BYTES, onError: bodyTooLarge })
  // file uploads have their own, larger limits (backend/http/uploads.ts): an application's PDFs, a report's evidence
  const isUpload = (path: string) => ATTACHMENT_UPLOAD_PATH.test(path) || EVIDENCE_UPLOAD_PATH.test(path)
  // GET and HEAD carry no body (fetch's Request has none for them), and asking for it would have the server build
  // a whole Request from Node's message on every read (issue 18)
  const bodiless = (method: string) => method === 'GET' || method === 'HEAD'
  api.use('*', async (c, next) => {
    if (bodiless(c.req.method) || (c.req.method === 'POST' && isUpload(c.req.path))) return next()
    // A declared length is checked as bodyLimit checks it, but without asking for the body's stream first: that
    // had the server build a whole fetch Request from Node's message (a stream, an AbortSignal and its finalizer,
    // kept until the next full collection of the heap) where the handler reads the body from the message itself
    // (issue 18). A chunked body is counted as it streams, by bodyLimit.
    const length = c.req.header('content-length')
    if (length === undefined || c.req.header('transfer-encoding') !== undefined) return jsonLimit(c, next)
    return Number.parseInt(length, 10) > MAX_BODY_BYTES ? bodyTooLarge() : next()
  })
  api.use('*', csrfCheck(deps.config.publicUrl))
  api.use('*', refuseUnstorableUrl())
  api.use('*', async (c, next) => {
    await next()
    // on the answer's own headers (c.header() after the answer would rebuild it: request-log.ts)
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store')
  })
  api.get('/health', doc(healthDoc), async (c) => {
    const up = await pingDatabase(deps.db)
    return c.json({ status: up ? 'ok' : 'down', database: deps.engine }, up ? 200 : 503)
  })
  // The iCalendar feeds answer to their URL alone (a lab's is public, a team's or operator's carries its token):
  // mounted before the session, a calendar app's or browser's cookie costs them no session lookup (issue 18).
  api.route('/', calendarsRoutes(deps))
  api.use('*', sessionMiddleware(deps))
  api.route('/auth/oidc', oidcRoutes(deps, log))
  api.route('/auth/oidc', oidcCallbackRoutes(deps, log))
  api.route('/auth', authRoutes(deps))
  api.route('/auth', magicLinkRoutes(deps))
  for (const routes of [
    usersRoutes,
    meRoutes,
    catalogueRoutes,
    openingHoursRoutes,
    labRoutes,
    closuresRoutes,
    teamsRoutes,
    teamMemberRoutes,
    teamInvitationRoutes,
    concessionsRoutes,
    grantsRoutes,
    equipmentRoutes,
    equipmentTypeRoutes,
    maintenanceRoutes,
    loanRoutes,
    trainingRoutes,
    certificationsRoutes,
    bookingsRoutes,
    bookingListRoutes,
    bookingLifecycleRoutes,
    checkInRoutes,
    availabilityRoutes,
    waitlistRoutes,
    calendarUrlRoutes,
    reportsRoutes,
    obligationReportRoutes,
    openDataReportRoutes,
    reportsOfficeRoutes,
    indicatorRoutes,
    progressReportRoutes,
    evidenceRoutes,
    outcomeReportRoutes,
    transparencyRoutes,
    programmeRoutes,
    adminRoutes,
    privacyRoutes,
    callsRoutes,
  ]) {
    api.route('/', routes(deps))
  }
  api.all('*', (c) => problemResponse('no_route', http.noRoute({ method: c.req.method, path: c.req.path })))

  // before the API's catch-all; the document is built on first request, from every route registered by then
  app.route('/', apiDocsRoutes(app, API_VERSION))
  app.route('/api/v1', api)
  app.all('/api/*', (c) => problemResponse('no_route', http.noRoute({ method: c.req.method, path: c.req.path })))
  app.route('/', metricsRoute(deps.config.metricsToken, metrics))
  // The privacy notice: the Comune's own page when PRIVACY_URL is set, else the client's built-in one.
  const privacyUrl = deps.config.privacyUrl
  if (privacyUrl) app.get('/privacy', (c) => c.redirect(privacyUrl, 302))
  if (options.clientDir) app.route('/', staticClient(path.resolve(options.clientDir)))
  return app
}

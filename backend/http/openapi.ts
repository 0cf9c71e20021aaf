import type { Hono, MiddlewareHandler } from 'hono'
import { z } from 'zod'
import { problemTitles } from './messages.ts'
import { PROBLEM_STATUS, PROBLEM_TYPE_BASE, type ProblemCode, problemType } from './problem.ts'

/**
 * How one route is described in the OpenAPI document. It sits in the route's own definition, before the
 * handler (`app.get('/labs/:id', doc({...}), handler)`), and names the very zod schemas the handler
 * validates with, so the document cannot drift from the code: `GET /api/v1/openapi.json` is built from the
 * routes the app registers, and a test fails for any route without one.
 */
export interface RouteDoc {
  /** One line: what the route does. */
  summary: string
  /** Who may call it and anything else worth saying (Markdown). */
  description?: string
  /** The group in the document (the feature: "Bookings", "Catalogue"…). */
  tag: string
  /** The query string (a zod object: each property is one parameter). */
  query?: z.ZodType
  /** The JSON body. */
  body?: z.ZodType
  /** Headers the route reads (`Idempotency-Key`), with a word each. */
  headers?: Record<string, string>
  /** The successful answers by status: a zod schema of the JSON body, or another media type, or none (204). */
  responses: Partial<Record<number, ResponseDoc>>
  /** The kinds of problem it answers with besides the ones every route may give (validation, 500, 503). */
  problems?: ProblemCode[]
}

export type ResponseDoc =
  | z.ZodType
  | {
      description: string
      schema?: z.ZodType
      contentType?: string
      headers?: Record<string, string>
      /** Other media types the same answer may come in (a report as `text/csv` by `?format=`, a file as its own type), each as a string or its own schema. */
      also?: Record<string, z.ZodType | 'string'>
    }

const described = new WeakMap<object, RouteDoc>()

/** The route's description, as a middleware that does nothing but carry it (see RouteDoc). */
export function doc(description: RouteDoc): MiddlewareHandler {
  const middleware: MiddlewareHandler = async (_c, next) => {
    await next()
  }
  described.set(middleware, description)
  return middleware
}

interface RegisteredRoute {
  method: string
  path: string
  handler: unknown
}

const API_BASE = '/api/v1'

/** The routes of the API the app registers (full paths), with their description when they have one. */
export function apiRoutes(app: Hono<never> | { routes: RegisteredRoute[] }): Array<{ method: string; path: string; doc?: RouteDoc }> {
  const byKey = new Map<string, { method: string; path: string; doc?: RouteDoc }>()
  for (const r of app.routes as RegisteredRoute[]) {
    // middleware (`use`) and catch-alls register as ALL; our routes name their method
    if (r.method === 'ALL' || !r.path.startsWith(`${API_BASE}/`) || r.path.includes('*')) continue
    const key = `${r.method} ${r.path}`
    const entry = byKey.get(key) ?? { method: r.method, path: r.path }
    const d = typeof r.handler === 'function' ? described.get(r.handler) : undefined
    if (d) entry.doc = d
    byKey.set(key, entry)
  }
  return [...byKey.values()]
}

/** `/api/v1/labs/:id` → `/labs/{id}`. */
export function openApiPath(path: string): string {
  return path.slice(API_BASE.length).replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')
}

type JsonSchema = Record<string, unknown>

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema
  return rest
}

function queryParameters(schema: z.ZodType) {
  const object = jsonSchema(schema, 'input')
  const properties = (object.properties ?? {}) as Record<string, JsonSchema>
  const required = new Set((object.required ?? []) as string[])
  return Object.entries(properties).map(([name, s]) => ({
    name,
    in: 'query',
    required: required.has(name),
    ...(typeof s.description === 'string' && { description: s.description }),
    schema: s,
  }))
}

function responseObject(status: number, response: ResponseDoc) {
  if (response instanceof z.ZodType) {
    return { description: statusText(status), content: { 'application/json': { schema: jsonSchema(response, 'output') } } }
  }
  const headers = Object.fromEntries(
    Object.entries(response.headers ?? {}).map(([h, d]) => [h, { description: d, schema: { type: 'string' } }]),
  )
  return {
    description: response.description,
    ...(Object.keys(headers).length > 0 && { headers }),
    ...((response.schema || response.contentType || response.also) && {
      content: {
        ...((response.schema || response.contentType) && {
          [response.contentType ?? 'application/json']: {
            schema: response.schema
              ? jsonSchema(response.schema, 'output')
              : /json/.test(response.contentType ?? 'json')
                ? {}
                : { type: 'string' },
          },
        }),
        ...Object.fromEntries(
          Object.entries(response.also ?? {}).map(([type, schema]) => [
            type,
            { schema: schema === 'string' ? { type: 'string' } : jsonSchema(schema, 'output') },
          ]),
        ),
      },
    }),
  }
}

function statusText(status: number): string {
  return { 200: 'OK', 201: 'Created', 202: 'Accepted', 204: 'No content', 302: 'Found (redirect)', 304: 'Not modified' }[status] ?? 'OK'
}

/** Every route may answer these, whatever it says. */
const ALWAYS: ProblemCode[] = ['internal', 'database_unavailable']
const WITH_INPUT: ProblemCode[] = ['validation']
const WITH_BODY: ProblemCode[] = ['malformed_json', 'unsupported_media_type', 'payload_too_large']

/** The problem+json body (RFC 9457): `type` says which kind, and is what clients key on. */
export const ProblemSchema = z.looseObject({
  type: z.string().describe('A stable URI per kind of problem (see x-problem-types); clients key on it.'),
  title: z.string().describe('The kind of problem in words (Italian by default, English with Accept-Language: en).'),
  status: z.number().int(),
  detail: z.string().describe('This occurrence in words, in the same language as the title.'),
  errors: z
    .array(z.looseObject({ path: z.string(), message: z.string() }))
    .optional()
    .describe('validation: every invalid field, as a dotted path and a message.'),
  conflicts: z
    .array(z.looseObject({ start: z.string().optional(), end: z.string().optional(), reason: z.string() }))
    .optional()
    .describe('conflict: what is in the way (for bookings, one entry per occurrence and reason).'),
})

/** The whole OpenAPI 3.1 document of the app's API, from the routes it registers. */
export function buildOpenApiDocument(app: { routes: RegisteredRoute[] }, options: { version: string }) {
  const paths: Record<string, Record<string, unknown>> = {}
  const tags = new Set<string>()
  for (const route of apiRoutes(app)) {
    const d = route.doc
    if (!d) continue
    tags.add(d.tag)
    const path = openApiPath(route.path)
    const pathParams = [...path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }))
    const headerParams = Object.entries(d.headers ?? {}).map(([name, description]) => ({
      name,
      in: 'header',
      required: false,
      description,
      schema: { type: 'string' },
    }))
    const problemCodes = new Set<ProblemCode>([
      ...(d.problems ?? []),
      ...(d.query || d.body || pathParams.length ? WITH_INPUT : []),
      ...(d.body ? WITH_BODY : []),
      ...ALWAYS,
    ])
    const responses: Record<string, unknown> = {}
    for (const [status, response] of Object.entries(d.responses)) {
      if (response) responses[status] = responseObject(Number(status), response)
    }
    for (const code of problemCodes) {
      const status = String(PROBLEM_STATUS[code])
      const existing = responses[status] as { description: string; content?: object; 'x-problem-types'?: string[] } | undefined
      responses[status] = {
        description: existing ? existing.description : 'A problem (RFC 9457).',
        // a status the route also answers in its own shape (/health's 503) keeps that media type beside the problem
        content: { ...existing?.content, 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
        'x-problem-types': [...(existing?.['x-problem-types'] ?? []), problemType(code)],
      }
    }
    paths[path] ??= {}
    paths[path][route.method.toLowerCase()] = {
      operationId: `${route.method.toLowerCase()}${path.replace(/\{(\w+)\}/g, 'By_$1').replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ? ch.toUpperCase() : ''))}`,
      tags: [d.tag],
      summary: d.summary,
      ...(d.description && { description: d.description }),
      parameters: [...pathParams, ...(d.query ? queryParameters(d.query) : []), ...headerParams],
      ...(d.body && { requestBody: { required: true, content: { 'application/json': { schema: jsonSchema(d.body, 'input') } } } }),
      responses,
    }
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Spazi Comuni API',
      version: options.version,
      description:
        'Booking and lab management of the community hubs of the Comune di Milano. The contract in words is docs/api.md ' +
        'in the repository; this document is generated from the zod schemas that validate each request. Errors are ' +
        'application/problem+json (RFC 9457); their `type` URIs are listed under `x-problem-types`.',
    },
    servers: [{ url: API_BASE }],
    tags: [...tags].sort().map((name) => ({ name })),
    paths: Object.fromEntries(Object.entries(paths).sort(([a], [b]) => a.localeCompare(b))),
    components: {
      schemas: { Problem: jsonSchema(ProblemSchema, 'output') },
      securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'sc_session' } },
    },
    'x-problem-types': (Object.keys(PROBLEM_STATUS) as ProblemCode[]).map((code) => ({
      type: problemType(code),
      status: PROBLEM_STATUS[code],
      title: { it: problemTitles[code]().in('it'), en: problemTitles[code]().in('en') },
    })),
    'x-problem-type-base': PROBLEM_TYPE_BASE,
  }
}

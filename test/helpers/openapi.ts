import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js'
import addFormats from 'ajv-formats'

type Operation = { responses: Record<string, { content?: Record<string, { schema: unknown }> }> }
type Document = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, unknown> } }

/**
 * Checks real answers against the OpenAPI document: the JSON body of a described route and status must
 * match its schema. Routes or statuses the document does not describe are not checked here (the coverage
 * test in test/api/openapi.test.ts names undescribed routes).
 */
export function responseChecker(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true })
  addFormats.default(ajv)
  ajv.addSchema({ $id: 'doc', components: document.components })
  const routes = Object.entries(document.paths).flatMap(([template, ops]) =>
    Object.entries(ops).map(([method, op]) => ({
      method: method.toUpperCase(),
      pattern: new RegExp(`^${template.replace(/\{\w+\}/g, '[^/]+')}$`),
      op,
    })),
  )
  const compiled = new Map<string, ValidateFunction>()
  return (method: string, path: string, status: number, contentType: string, body: unknown): string | null => {
    const route = routes.find((r) => r.method === method && r.pattern.test(path))
    const response = route?.op.responses[String(status)]
    const media = response?.content?.[contentType.split(';')[0].trim()]
    if (!media) return null
    const schema = JSON.parse(JSON.stringify(media.schema).replaceAll('"#/components/', '"doc#/components/'))
    const key = `${route?.method} ${route?.pattern.source} ${status} ${contentType}`
    let validate = compiled.get(key)
    if (!validate) {
      validate = ajv.compile(schema)
      compiled.set(key, validate)
    }
    return validate(body) ? null : `${method} ${path} ${status}: ${ajv.errorsText(validate.errors)}`
  }
}

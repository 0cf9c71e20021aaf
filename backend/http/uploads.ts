import { createHash } from 'node:crypto'
import { fileTypeFromBuffer } from 'file-type'
import type { MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { z } from 'zod'
import type { LocalText } from './i18n.ts'
import { AppError, problemResponse } from './problem.ts'

/**
 * Files people upload (an application's PDFs, a progress report's evidence): the raw file is the request's
 * body, its name in the query. The type is judged by the content (`file-type`), never by the name or the
 * declared Content-Type; the size by a limit of its own, above the API's JSON limit (app.ts lets these
 * paths through). The bytes are stored in PostgreSQL beside their owner (a `bytea` with its size and
 * SHA-256), so they are transactional with it and in every backup, and served back only by `download`.
 */
export interface UploadRule {
  maxBytes: number
  /** The MIME types accepted, as `file-type` names them from the content. */
  types: readonly string[]
  tooLarge: (params: { mib: number }) => LocalText
  wrongType: () => LocalText
}

export interface CheckedUpload {
  contentType: string
  sizeBytes: number
  sha256: string
}

/** The file's type from its content, its size and digest; 413 or 415 when the rule refuses it. */
export async function checkUpload(content: Uint8Array, rule: UploadRule): Promise<CheckedUpload> {
  if (content.byteLength > rule.maxBytes) throw new AppError('payload_too_large', rule.tooLarge({ mib: rule.maxBytes / 1024 / 1024 }))
  const type = content.byteLength > 0 ? await fileTypeFromBuffer(content) : undefined
  if (!type || !rule.types.includes(type.mime)) throw new AppError('unsupported_media_type', rule.wrongType())
  return { contentType: type.mime, sizeBytes: content.byteLength, sha256: createHash('sha256').update(content).digest('hex') }
}

/** The route's own body limit (before the handler reads the body): a 413 problem in the rule's words. */
export function uploadLimit(rule: UploadRule): MiddlewareHandler {
  return bodyLimit({
    maxSize: rule.maxBytes,
    onError: () => problemResponse('payload_too_large', rule.tooLarge({ mib: rule.maxBytes / 1024 / 1024 })),
  })
}

/** A stored file as a download: never rendered inline, never sniffed, never cached. */
export function download(file: { filename: string; contentType: string; content: Uint8Array }): Response {
  return new Response(new Uint8Array(file.content), {
    headers: {
      'Content-Type': file.contentType,
      'Content-Disposition': `attachment; filename="${file.filename.replace(/[^\w.-]/g, '_')}"`,
      'X-Content-Type-Options': 'nosniff',
      'Cache-Control': 'private, no-store',
    },
  })
}

/** An uploaded file's name, given in the query (`?filename=`): no path, at most 200 characters. */
export const uploadFilename = z
  .string()
  .trim()
  .min(1)
  .max(200)
  .regex(/^[^/\\\0]+$/, 'nome di file non valido')

import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { CertificateView, CertificationBody, ExpiringQuery, ExpiringView, KindBody, KindPatch, KindView } from './schemas.ts'
import { createKind, deleteCertificate, listCertificates, listExpiring, listKinds, recordCertificate, updateKind } from './service.ts'

/** Certification kinds (the Comune's list), the teams' certificates, and those about to lapse. */
export function certificationsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/certification-kinds',
    doc({
      tag: 'Certifications',
      summary: 'The kinds of certification (signed-in)',
      responses: { 200: z.array(KindView) },
      problems: ['unauthorized'],
    }),
    async (c) => {
      requireUser(c)
      return c.json(await listKinds(db))
    },
  )

  app.post(
    '/certification-kinds',
    doc({
      tag: 'Certifications',
      summary: 'Add a kind of certification (admin)',
      body: KindBody,
      responses: { 201: KindView },
      problems: ['unauthorized', 'forbidden', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      return c.json(await createKind(db, actor, await readBody(c, KindBody)), 201)
    },
  )

  app.patch(
    '/certification-kinds/:id',
    doc({
      tag: 'Certifications',
      summary: 'Change a kind of certification (admin)',
      body: KindPatch,
      responses: { 200: KindView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireRole(c, 'admin')
      const id = readId(c, 'id', 'certificationKind')
      return c.json(await updateKind(db, actor, id, await readBody(c, KindPatch)))
    },
  )

  app.get(
    '/teams/:id/certifications',
    doc({
      tag: 'Certifications',
      summary: 'A team’s certificates (staff, the team’s members)',
      responses: { 200: z.array(CertificateView) },
      problems: ['unauthorized', 'not_found'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await listCertificates(db, user, readId(c, 'id', 'team')))
    },
  )

  app.post(
    '/teams/:id/certifications',
    doc({
      tag: 'Certifications',
      summary: 'Record a certificate of a team’s member (staff)',
      body: CertificationBody,
      responses: { 201: CertificateView },
      problems: ['unauthorized', 'forbidden', 'not_found', 'conflict'],
    }),
    async (c) => {
      const actor = requireUser(c)
      const teamId = readId(c, 'id', 'team')
      return c.json(await recordCertificate(db, actor, teamId, await readBody(c, CertificationBody)), 201)
    },
  )

  app.delete(
    '/certifications/:id',
    doc({
      tag: 'Certifications',
      summary: 'Remove a certificate (staff)',
      responses: { 204: { description: 'Removed' } },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const actor = requireUser(c)
      await deleteCertificate(db, actor, readId(c, 'id', 'certificate'))
      return c.body(null, 204)
    },
  )

  app.get(
    '/certifications/expiring',
    doc({
      tag: 'Certifications',
      summary: 'Certificates about to lapse of teams booking one’s hubs (staff)',
      query: ExpiringQuery,
      responses: { 200: z.array(ExpiringView) },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const user = requireUser(c)
      return c.json(await listExpiring(db, user, readQuery(c, ExpiringQuery)))
    },
  )

  return app
}

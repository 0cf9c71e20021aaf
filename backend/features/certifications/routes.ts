import { Hono } from 'hono'
import { requireRole, requireUser } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { readBody, readId, readQuery } from '../../http/validation.ts'
import { CertificationBody, ExpiringQuery, KindBody, KindPatch } from './schemas.ts'
import { createKind, deleteCertificate, listCertificates, listExpiring, listKinds, recordCertificate, updateKind } from './service.ts'

/** Certification kinds (the Comune's list), the teams' certificates, and those about to lapse. */
export function certificationsRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get('/certification-kinds', async (c) => {
    requireUser(c)
    return c.json(await listKinds(db))
  })

  app.post('/certification-kinds', async (c) => {
    const actor = requireRole(c, 'admin')
    return c.json(await createKind(db, actor, await readBody(c, KindBody)), 201)
  })

  app.patch('/certification-kinds/:id', async (c) => {
    const actor = requireRole(c, 'admin')
    const id = readId(c, 'id', 'certificationKind')
    return c.json(await updateKind(db, actor, id, await readBody(c, KindPatch)))
  })

  app.get('/teams/:id/certifications', async (c) => {
    const user = requireUser(c)
    return c.json(await listCertificates(db, user, readId(c, 'id', 'team')))
  })

  app.post('/teams/:id/certifications', async (c) => {
    const actor = requireUser(c)
    const teamId = readId(c, 'id', 'team')
    return c.json(await recordCertificate(db, actor, teamId, await readBody(c, CertificationBody)), 201)
  })

  app.delete('/certifications/:id', async (c) => {
    const actor = requireUser(c)
    await deleteCertificate(db, actor, readId(c, 'id', 'certificate'))
    return c.body(null, 204)
  })

  app.get('/certifications/expiring', async (c) => {
    const user = requireUser(c)
    return c.json(await listExpiring(db, user, readQuery(c, ExpiringQuery)))
  })

  return app
}

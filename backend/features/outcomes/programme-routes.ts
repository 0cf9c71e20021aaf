import { Hono } from 'hono'
import { z } from 'zod'
import { requireRole } from '../../http/access.ts'
import type { AppEnv, Deps } from '../../http/context.ts'
import { doc } from '../../http/openapi.ts'
import { problems } from '../../http/problem.ts'
import { readBody } from '../../http/validation.ts'
import {
  getProgramme,
  listYears,
  ProgrammePatch,
  ProgrammeViewSchema,
  ProgrammeYearViewSchema,
  putYear,
  updateProgramme,
  YearBody,
} from './programme.ts'
import { ProgrammeWithYearsView } from './schemas.ts'

/** The programme: its identity (CUP, money programmed) and its figures per year (docs/outcomes.md). */
export function programmeRoutes(deps: Deps) {
  const { db } = deps
  const app = new Hono<AppEnv>()

  app.get(
    '/programme',
    doc({
      tag: 'Outcomes',
      summary: 'The programme: its identity (CUP, project code, money programmed) and its financial progress per year',
      description: 'Any signed-in person or none: the programme is public information.',
      responses: { 200: ProgrammeWithYearsView },
    }),
    async (c) => c.json({ ...(await getProgramme(db)), years: await listYears(db) }),
  )
  app.patch(
    '/programme',
    doc({
      tag: 'Outcomes',
      summary: 'Change the programme’s identity (admin)',
      body: ProgrammePatch,
      responses: { 200: ProgrammeViewSchema },
      problems: ['unauthorized', 'forbidden'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      return c.json(await updateProgramme(db, admin, await readBody(c, ProgrammePatch)))
    },
  )
  app.put(
    '/programme/years/:year',
    doc({
      tag: 'Outcomes',
      summary: 'Enter a year’s figures of the programme (admin; the year 2014–2100, 404 otherwise)',
      body: YearBody,
      responses: { 200: ProgrammeYearViewSchema },
      problems: ['unauthorized', 'forbidden', 'not_found'],
    }),
    async (c) => {
      const admin = requireRole(c, 'admin')
      const year = z.coerce.number().int().min(2014).max(2100).safeParse(c.req.param('year'))
      if (!year.success) throw problems.notFound('year')
      return c.json(await putYear(db, admin, year.data, await readBody(c, YearBody)))
    },
  )

  return app
}

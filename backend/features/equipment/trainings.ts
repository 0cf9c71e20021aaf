import type { Kysely, Selectable } from 'kysely'
import { z } from 'zod'
import type { Database, TrainingsTable } from '../../../db/schema.ts'
import { recordAudit } from '../../audit.ts'
import { assertIsManagingStaff, canSeeTeam } from '../../http/access.ts'
import type { SessionUser } from '../../http/context.ts'
import { field } from '../../http/messages.ts'
import { problems } from '../../http/problem.ts'
import { isoDate, text } from '../../http/validation.ts'

export const TrainingBody = z.object({ typeId: z.uuid(), personName: text(200), trainedOn: isoDate }).strict()

function toTraining(row: Selectable<TrainingsTable>) {
  return {
    id: row.id,
    teamId: row.team_id,
    typeId: row.type_id,
    personName: row.person_name,
    trainedOn: row.trained_on,
    recordedBy: row.recorded_by,
  }
}

const teamNotFound = () => problems.notFound('team')

/** A team's trainings are read by the Comune, operator staff and the team's members. */
export async function listTrainings(db: Kysely<Database>, user: SessionUser, teamId: string) {
  if (!(await db.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw teamNotFound()
  if (!(await canSeeTeam(db, user, teamId))) throw teamNotFound()
  const rows = await db
    .selectFrom('trainings')
    .selectAll()
    .where('team_id', '=', teamId)
    .orderBy('trained_on')
    .orderBy('created_at')
    .execute()
  return rows.map(toTraining)
}

/** Staff record that a person of the team was trained on a type of equipment (who, which, when, by whom). */
export async function recordTraining(db: Kysely<Database>, user: SessionUser, teamId: string, body: z.output<typeof TrainingBody>) {
  await assertIsManagingStaff(db, user)
  return db.transaction().execute(async (trx) => {
    if (!(await trx.selectFrom('teams').select('id').where('id', '=', teamId).executeTakeFirst())) throw teamNotFound()
    if (!(await trx.selectFrom('equipment_types').select('id').where('id', '=', body.typeId).executeTakeFirst())) {
      throw problems.validation([{ path: 'typeId', message: field.unknownEquipmentType() }])
    }
    const row = await trx
      .insertInto('trainings')
      .values({ team_id: teamId, type_id: body.typeId, person_name: body.personName, trained_on: body.trainedOn, recorded_by: user.id })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, {
      actorUserId: user.id,
      action: 'training.recorded',
      entity: 'team',
      entityId: teamId,
      details: { trainingId: row.id, ...body },
    })
    return toTraining(row)
  })
}

import type { Kysely } from 'kysely'
import { DateTime } from 'luxon'
import type { Database } from '../../../db/schema.ts'
import { renderProgressEmail } from '../../../emails/progress-reports.ts'
import type { Deps } from '../../http/context.ts'
import { enqueue } from '../../outbox/enqueue.ts'
import { outboxSettings } from '../../outbox/settings.ts'
import { reminderDue } from './due-dates.ts'
import { teamRecipients } from './team-reach.ts'

/**
 * Reminders of a due progress report, written into the outbox when they are due (due-dates.ts), for every
 * team that reports on some indicator and has no submitted or accepted report covering the quarter. Each
 * reminder has a dedupe key, so any number of processes may sweep at once and a team hears once per kind.
 * Returns how many teams were reminded.
 */
export async function writeProgressReminders(db: Kysely<Database>, now: Date = new Date()): Promise<number> {
  const today = DateTime.fromJSDate(now, { zone: 'Europe/Rome' }).toISODate()!
  const due = reminderDue(today)
  if (!due) return 0
  const { kind, quarter } = due
  const teams = await db
    .selectFrom('indicator_targets as t')
    .innerJoin('indicators as i', 'i.id', 't.indicator_id')
    .select('t.team_id')
    .distinct()
    .where('i.source', '=', 'reported')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('progress_reports as r')
            .select('r.id')
            .whereRef('r.team_id', '=', 't.team_id')
            .where('r.status', 'in', ['submitted', 'accepted'])
            .where('r.from_date', '<', quarter.to)
            .where('r.to_date', '>', quarter.from),
        ),
      ),
    )
    .execute()
  for (const { team_id } of teams) {
    await db.transaction().execute(async (trx) => {
      const { teamName, recipients } = await teamRecipients(trx, team_id)
      const url = `${outboxSettings().publicUrl}/progress-reports?team=${team_id}`
      await enqueue(
        trx,
        recipients.map((recipient) => ({
          kind: `progress_report.${kind}`,
          recipient,
          email: renderProgressEmail({ kind, teamName, from: quarter.from, to: quarter.to, dueOn: quarter.dueOn, url }, recipient.locale),
          dedupeKey: `progress-reminder:${team_id}:${quarter.from}:${kind}:${recipient.email}`,
        })),
      )
    })
  }
  return teams.length
}

const SWEEP_MS = 60 * 60_000

/** Sweeps hourly in the server process; stop() before closing the database. */
export function startProgressReminders(deps: Pick<Deps, 'db'>, log: (msg: string, err?: unknown) => void = console.error) {
  let running: Promise<unknown> = Promise.resolve()
  const sweep = () => {
    running = writeProgressReminders(deps.db).catch((err) => log('progress reminders failed', err))
  }
  const first = setTimeout(sweep, 30_000)
  const timer = setInterval(sweep, SWEEP_MS)
  first.unref()
  timer.unref()
  return {
    async stop() {
      clearTimeout(first)
      clearInterval(timer)
      await running
    },
  }
}

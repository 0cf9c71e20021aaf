import type { Transaction } from 'kysely'
import type { Database } from '../../db/schema.ts'
import { renderReceiptPdf } from '../../emails/application-receipt.ts'
import { romeDateTime } from '../../emails/call-format.ts'
import { type ApplicationStep, renderApplicationEmail } from '../../emails/call-templates.ts'
import type { NewMessage } from './enqueue.ts'
import { outboxSettings } from './settings.ts'

/** The days before an informal group's deadline on which it is reminded to record its codice fiscale. */
export const TAX_CODE_REMINDER_DAYS = [30, 7, 1]

export interface ApplicationEvent {
  applicationId: string
  step: ApplicationStep
  rank?: number | null
}

/** The applicant hears of every step of their application, in their language; the receipt carries a PDF. */
export async function applicationMessages(trx: Transaction<Database>, event: ApplicationEvent): Promise<NewMessage[]> {
  const row = await trx
    .selectFrom('applications')
    .innerJoin('calls', 'calls.id', 'applications.call_id')
    .innerJoin('users', 'users.id', 'applications.applicant_user_id')
    .leftJoin('awards', 'awards.application_id', 'applications.id')
    .selectAll('applications')
    .select([
      'calls.title as call_title',
      'users.email as user_email',
      'users.name as user_name',
      'users.locale as user_locale',
      'users.disabled_at as user_disabled_at',
      'awards.id as award_id',
      'awards.funding_cents',
      'awards.hours',
      'awards.tax_code_due_on',
    ])
    .where('applications.id', '=', event.applicationId)
    .executeTakeFirstOrThrow()
  if (row.user_disabled_at) return []
  const locale = row.user_locale
  const url = `${outboxSettings().publicUrl}/applications/${row.id}`
  const email = renderApplicationEmail({
    locale,
    step: event.step,
    name: row.user_name,
    callTitle: row.call_title,
    title: row.title,
    protocolNumber: row.protocol_number,
    url,
    exclusionReason: row.exclusion_reason,
    rank: event.rank,
    fundingCents: row.funding_cents ?? undefined,
    hours: row.hours ?? undefined,
    taxCodeDueOn: row.tax_code_due_on,
  })
  const recipient = { email: row.user_email, name: row.user_name, locale }
  const message: NewMessage = { kind: `call.${event.step}`, recipient, email, dedupeKey: `application:${row.id}:${event.step}` }
  if (event.step === 'submitted' && row.protocol_number !== null && row.submitted_at) {
    const attachments = await trx
      .selectFrom('application_attachments')
      .select(['kind', 'filename'])
      .where('application_id', '=', row.id)
      .orderBy('created_at')
      .execute()
    const indicators = await trx
      .selectFrom('application_indicators')
      .select(['name', 'unit', 'baseline', 'target'])
      .where('application_id', '=', row.id)
      .orderBy('position')
      .execute()
    const pdf = await renderReceiptPdf({
      locale,
      callTitle: row.call_title,
      protocolNumber: row.protocol_number,
      submittedAt: romeDateTime(row.submitted_at, locale),
      title: row.title,
      organisationName: row.organisation_name,
      applicantType: row.applicant_type,
      taxCode: row.tax_code,
      summary: row.summary,
      activities: row.activities,
      requestedFundingCents: row.requested_funding_cents,
      crowdfundingGoalCents: row.crowdfunding_goal_cents,
      labNeeds: row.lab_needs,
      indicators,
      attachments,
    })
    message.attachments = [
      {
        filename: `ricevuta-${row.protocol_number}.pdf`,
        contentType: 'application/pdf',
        content: pdf.toString('base64'),
        encoding: 'base64',
      },
    ]
  }
  const out = [message]
  // a conditional award schedules its reminders now; confirming the award withdraws them
  if (event.step === 'conditional' && row.award_id && row.tax_code_due_on) {
    for (const days of TAX_CODE_REMINDER_DAYS) {
      const at = new Date(`${row.tax_code_due_on}T09:00:00+01:00`)
      at.setUTCDate(at.getUTCDate() - days)
      if (at.getTime() <= Date.now()) continue
      out.push({
        kind: 'call.tax_code_reminder',
        recipient,
        email: renderApplicationEmail({
          locale,
          step: 'tax_code_reminder',
          name: row.user_name,
          callTitle: row.call_title,
          title: row.title,
          protocolNumber: row.protocol_number,
          url,
          taxCodeDueOn: row.tax_code_due_on,
        }),
        notBefore: at,
        dedupeKey: `award:${row.award_id}:tax-code:${days}`,
      })
    }
  }
  return out
}

/** Withdraws the reminders of an award whose codice fiscale is now recorded. */
export async function cancelTaxCodeReminders(trx: Transaction<Database>, awardId: string): Promise<void> {
  await trx
    .updateTable('outbox')
    .set({ status: 'cancelled' })
    .where('dedupe_key', 'like', `award:${awardId}:tax-code:%`)
    .where('status', '=', 'pending')
    .execute()
}

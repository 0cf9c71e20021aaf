import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { getMailboxMessage, listPage, type MailboxMessage, type OutboxMessage, staffApi } from '../../api/staff.ts'
import { OperationStatus, SelectField } from '../../components/kit.tsx'
import { createOperation } from '../../components/operation.ts'
import { AsyncBoundary } from '../../components/States.tsx'
import { intlLocale, t } from '../../i18n/index.ts'
import { AdminSection, EntityTable } from './entity.tsx'

function formatStamp(value: string | null | undefined): string {
  if (!value) return ''
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  return new Intl.DateTimeFormat(intlLocale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Rome' }).format(date)
}

const recipients = (to: string | string[] | undefined) => (Array.isArray(to) ? to.join(', ') : (to ?? ''))

/** Emails the worker could not deliver (after a day of retries): what went wrong, and a new attempt. */
export function OutboxTab() {
  const op = createOperation({ toast: true })
  const [status, setStatus] = createSignal('failed')
  const [busy, setBusy] = createSignal<string>()
  const resend = async (m: OutboxMessage) => {
    setBusy(m.id)
    await op.run(
      async () => {
        await staffApi.resendOutbox(m.id)
        await revalidate(listPage.key)
      },
      t('staff.admin.resent', { to: m.recipient ?? '' }),
    )
    setBusy(undefined)
  }
  return (
    <AdminSection id="outbox" title={t('staff.admin.outbox')} intro={t('staff.admin.outboxIntro')}>
      <div class="sc-toolbar">
        <SelectField
          id="outbox-status"
          label={t('common.status')}
          value={status()}
          options={['failed', 'pending', 'sent'].map((s) => ({
            value: s,
            label: t(`staff.admin.outboxStatus.${s}` as 'staff.admin.outboxStatus.failed'),
          }))}
          onChange={setStatus}
        />
      </div>
      <OperationStatus op={op} />
      <EntityTable<OutboxMessage>
        path="/admin/outbox"
        query={{ status: status() }}
        caption={t('staff.admin.outbox')}
        empty={t('staff.admin.outboxEmpty')}
        columns={[
          { header: 'staff.admin.createdAt', cell: (m) => formatStamp(m.createdAt) },
          { header: 'staff.admin.recipient', cell: (m) => m.recipient ?? '', rowHeader: true },
          { header: 'staff.admin.subject', cell: (m) => m.subject ?? m.kind ?? '' },
          { header: 'staff.admin.attempts', cell: (m) => m.attempts ?? '' },
          { header: 'staff.admin.lastError', cell: (m) => <span class="small">{m.lastError ?? ''}</span> },
        ]}
        actions={(m) => (
          <Show when={m.status === 'failed'}>
            <button
              type="button"
              class="btn btn-outline-primary btn-sm"
              disabled={Boolean(busy())}
              aria-busy={busy() === m.id}
              onClick={() => resend(m)}
            >
              {busy() === m.id ? t('common.working') : t('staff.admin.resend')}
              <span class="visually-hidden"> {m.recipient}</span>
            </button>
          </Show>
        )}
      />
    </AdminSection>
  )
}

/** The demo mailbox: the emails the system wrote instead of sending them (no SMTP server configured). */
export function MailboxTab() {
  const [open, setOpen] = createSignal<string>()
  return (
    <AdminSection id="mailbox" title={t('staff.admin.mailbox')} intro={t('staff.admin.mailboxIntro')}>
      <EntityTable<MailboxMessage>
        path="/admin/mailbox"
        caption={t('staff.admin.mailbox')}
        empty={t('staff.admin.mailboxEmpty')}
        columns={[
          { header: 'staff.admin.date', cell: (m) => formatStamp(m.date) },
          { header: 'staff.admin.recipient', cell: (m) => recipients(m.to) },
          { header: 'staff.admin.subject', cell: (m) => m.subject ?? '', rowHeader: true },
        ]}
        actions={(m) => (
          <button
            type="button"
            class="btn btn-outline-primary btn-sm"
            onClick={() => {
              setOpen(m.id)
              queueMicrotask(() => document.getElementById('mail-open-title')?.focus())
            }}
          >
            {t('staff.admin.read')}
            <span class="visually-hidden"> {m.subject}</span>
          </button>
        )}
      />
      <Show when={open()} keyed>
        {(id) => (
          <section class="sc-card my-3" aria-labelledby="mail-open-title">
            <AsyncBoundary>
              <MailMessage id={id} />
            </AsyncBoundary>
            <button type="button" class="btn btn-link btn-sm px-0" onClick={() => setOpen(undefined)}>
              {t('common.close')}
            </button>
          </section>
        )}
      </Show>
    </AdminSection>
  )
}

function MailMessage(props: { id: string }) {
  const message = createAsync(() => getMailboxMessage(props.id))
  return (
    <Show when={message()}>
      {(m) => (
        <>
          <h3 id="mail-open-title" class="h5" tabindex="-1">
            {m().subject ?? ''}
          </h3>
          <dl class="small">
            <For
              each={[
                [t('staff.admin.from'), m().from ?? ''],
                [t('staff.admin.recipient'), recipients(m().to)],
                [t('staff.admin.date'), formatStamp(m().date)],
              ]}
            >
              {([k, v]) => (
                <>
                  <dt>{k}</dt>
                  <dd>{v}</dd>
                </>
              )}
            </For>
          </dl>
          <div class="sc-mail-body">{m().text ?? t('staff.admin.noText')}</div>
        </>
      )}
    </Show>
  )
}

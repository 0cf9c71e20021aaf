import { createSignal, For } from 'solid-js'
import { ConfirmDialog } from '../../../components/ConfirmDialog.tsx'
import { TextArea } from '../../../components/kit.tsx'
import { latestToast } from '../../../components/Toast.tsx'
import { t } from '../../../i18n/index.ts'
import { formatLongDate, formatTime } from '../../../lib/format.ts'
import type { Bulk } from './bulk.ts'

/** Rejecting the ticked requests, with the reason the teams will read. */
export function RejectDialog(props: { open: boolean; onOpenChange: (open: boolean) => void; bulk: Bulk }) {
  const [reason, setReason] = createSignal('')
  return (
    <ConfirmDialog
      open={props.open}
      onOpenChange={props.onOpenChange}
      title={t('staff.approvals.rejectTitle', { n: props.bulk.selected().length })}
      description={t('staff.approvals.rejectText')}
      confirmLabel={t('staff.approvals.reject')}
      danger
      focusFallback={latestToast}
      onConfirm={async () => {
        const targets = props.bulk.selected()
        const why = reason().trim()
        props.onOpenChange(false)
        await props.bulk.run('reject', targets, why)
        setReason('')
      }}
    >
      <ul class="small">
        <For each={props.bulk.selected()}>
          {(b) => (
            <li>
              {b.title} — {formatLongDate(b.start.slice(0, 10))} {formatTime(b.start)}
            </li>
          )}
        </For>
      </ul>
      <TextArea id="reject-reason" label={t('staff.approvals.reason')} value={reason()} onInput={setReason} required maxLength={1000} />
    </ConfirmDialog>
  )
}

import { type JSX, Show } from 'solid-js'
import { t } from '../i18n/index.ts'

/** What a busy button says: a spinner and «Operazione in corso…» in place of its label. */
function BusyLabel(props: { pending: boolean; label: string }) {
  return (
    <Show when={props.pending} fallback={props.label}>
      <span class="spinner-border spinner-border-sm me-1" aria-hidden="true" />
      {t('common.working')}
    </Show>
  )
}

/** A submit button that says it is working. */
export function SubmitButton(props: { pending: boolean; label: string; class?: string; disabled?: boolean }) {
  return (
    <button type="submit" class={props.class ?? 'btn btn-primary'} disabled={props.pending || props.disabled} aria-busy={props.pending}>
      <BusyLabel pending={props.pending} label={props.label} />
    </button>
  )
}

/**
 * A button that starts an operation by itself (one tap: approve, check-in, admit…) and says it is working, as
 * SubmitButton does. `disabled` keeps it still while a sibling's operation runs.
 */
export function ActionButton(props: {
  pending: boolean
  label: string
  onClick: () => void
  class?: string
  disabled?: boolean
}): JSX.Element {
  return (
    <button
      type="button"
      class={props.class ?? 'btn btn-primary'}
      disabled={props.pending || props.disabled}
      aria-busy={props.pending}
      onClick={() => props.onClick()}
    >
      <BusyLabel pending={props.pending} label={props.label} />
    </button>
  )
}

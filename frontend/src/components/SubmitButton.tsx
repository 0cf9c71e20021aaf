import { Show } from 'solid-js'
import { t } from '../i18n/index.ts'

/** A submit button that says it is working. */
export function SubmitButton(props: { pending: boolean; label: string; class?: string; disabled?: boolean }) {
  return (
    <button type="submit" class={props.class ?? 'btn btn-primary'} disabled={props.pending || props.disabled} aria-busy={props.pending}>
      <Show when={props.pending} fallback={props.label}>
        <span class="spinner-border spinner-border-sm me-1" aria-hidden="true" />
        {t('common.working')}
      </Show>
    </button>
  )
}

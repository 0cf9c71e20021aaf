import { Dialog } from '@kobalte/core/dialog'
import { createSignal, type JSX, Show } from 'solid-js'
import { t } from '../i18n/index.ts'
import { ProblemAlert } from './ProblemAlert.tsx'
import { SubmitButton } from './SubmitButton.tsx'

/**
 * A modal asking to confirm a destructive action. `onConfirm` runs with a progress state; a thrown problem
 * is shown inside the dialog, success closes it.
 */
export function ConfirmDialog(props: {
  open: boolean
  onOpenChange: (open: boolean) => void
  title: string
  description?: string
  confirmLabel: string
  cancelLabel?: string
  danger?: boolean
  onConfirm: () => Promise<void>
  children?: JSX.Element
}) {
  const [pending, setPending] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
  const close = (open: boolean) => {
    if (pending()) return
    if (!open) setProblem(undefined)
    props.onOpenChange(open)
  }
  const confirm = async (event: Event) => {
    event.preventDefault()
    setPending(true)
    setProblem(undefined)
    try {
      await props.onConfirm()
      props.onOpenChange(false)
    } catch (err) {
      setProblem(err)
    } finally {
      setPending(false)
    }
  }
  return (
    <Dialog open={props.open} onOpenChange={close} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="sc-dialog-overlay" />
        <div class="sc-dialog-positioner">
          <Dialog.Content class="sc-dialog">
            <form onSubmit={confirm}>
              <Dialog.Title as="h2" class="h4">
                {props.title}
              </Dialog.Title>
              <Show when={props.description}>
                <Dialog.Description as="p">{props.description}</Dialog.Description>
              </Show>
              {props.children}
              <Show when={problem()}>
                <ProblemAlert problem={problem()} />
              </Show>
              <div class="d-flex flex-wrap gap-2 justify-content-end mt-3">
                <button type="button" class="btn btn-outline-secondary" disabled={pending()} onClick={() => close(false)}>
                  {props.cancelLabel ?? t('common.cancel')}
                </button>
                <SubmitButton pending={pending()} label={props.confirmLabel} class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`} />
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}

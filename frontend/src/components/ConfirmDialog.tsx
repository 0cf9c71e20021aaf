import { Dialog } from '@kobalte/core/dialog'
import { createEffect, type JSX, on, Show } from 'solid-js'
import { t } from '../i18n/index.ts'
import { returnFocus } from '../lib/focus.ts'
import { createOperation } from './operation.ts'
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
  /** Where the focus goes when the control that opened the dialog is gone after the action (default: main). */
  focusFallback?: () => HTMLElement | null
  /** The form's labels by API field, to name the fields of a 400 as the form does. */
  fields?: Record<string, string>
  formClass?: string
  children?: JSX.Element
}) {
  const op = createOperation()
  // The control that opened the dialog gets the focus back when it closes (WCAG 2.4.3): the dialogs open
  // from a button in a list, not from a Kobalte trigger, so Kobalte does not know it; lib/focus.ts finds it
  // again by its id when the list is drawn anew after the action.
  let opener: HTMLElement | null = null
  createEffect(
    on(
      () => props.open,
      (open) => {
        if (open && document.activeElement instanceof HTMLElement && document.activeElement !== document.body) {
          opener = document.activeElement
        }
      },
    ),
  )
  const giveFocusBack = (event: Event) => {
    event.preventDefault()
    returnFocus(opener, props.focusFallback)
    opener = null
  }
  const close = (open: boolean) => {
    if (op.pending()) return
    if (!open) op.reset()
    props.onOpenChange(open)
  }
  const confirm = async (event: Event) => {
    event.preventDefault()
    if (await op.run(props.onConfirm, false)) props.onOpenChange(false)
  }
  return (
    <Dialog open={props.open} onOpenChange={close} modal>
      <Dialog.Portal>
        <Dialog.Overlay class="sc-dialog-overlay" />
        <div class="sc-dialog-positioner">
          <Dialog.Content class="sc-dialog" onCloseAutoFocus={giveFocusBack}>
            <form class={props.formClass} onSubmit={confirm}>
              <Dialog.Title as="h2" class="h4">
                {props.title}
              </Dialog.Title>
              <Show when={props.description}>
                <Dialog.Description as="p">{props.description}</Dialog.Description>
              </Show>
              {props.children}
              <Show when={op.problem()}>
                <ProblemAlert problem={op.problem()} fields={props.fields} />
              </Show>
              <div class="d-flex flex-wrap gap-2 justify-content-end mt-3">
                <button type="button" class="btn btn-outline-secondary" disabled={op.pending()} onClick={() => close(false)}>
                  {props.cancelLabel ?? t('common.cancel')}
                </button>
                <SubmitButton
                  pending={op.pending()}
                  label={props.confirmLabel}
                  class={`btn ${props.danger ? 'btn-danger' : 'btn-primary'}`}
                />
              </div>
            </form>
          </Dialog.Content>
        </div>
      </Dialog.Portal>
    </Dialog>
  )
}

import { createSignal } from 'solid-js'
import { t } from '../i18n/index.ts'
import { FieldLabel } from './kit.tsx'

/**
 * A file field that speaks the page's language whatever the browser's (Chromium's own «Choose File / No file
 * chosen» follows the browser's): bootstrap-italia's upload pattern. The real `<input type="file">` stays in the
 * page, visually hidden (`.upload`) but focusable and labelled, so the keyboard (Tab, then Space or Enter) and
 * screen readers use it as before, with bootstrap-italia's focus ring on its button; a `<label>` drawn as a
 * button, «Scegli un file» («Scegli i file» with `multiple`), opens it with a click, and the chosen file's name
 * (several: «2 file scelti: a.pdf, b.png»; none: «Nessun file scelto») stands beside it, announced when it
 * changes and read as the field's description, after `describedBy` (the id of a hint, if any).
 *
 * `onFiles` receives the files chosen; when it resolves to true (they were sent), the field is emptied. A field
 * disabled while they are sent loses the focus: it is given back once they are, unless the person moved on.
 * `reset` hands the caller a function that empties it from outside (e.g. after the form holding the files is sent).
 */
export function FileInput(props: {
  id: string
  label: string
  accept?: string
  class?: string
  multiple?: boolean
  disabled?: boolean
  describedBy?: string
  reset?: (clear: () => void) => void
  onFiles: (files: File[]) => Promise<boolean> | boolean | undefined
}) {
  const [names, setNames] = createSignal<string[]>([])
  let input: HTMLInputElement | undefined
  const chosenId = () => `${props.id}-chosen`
  const clear = () => {
    if (input) input.value = ''
    setNames([])
  }
  props.reset?.(clear)
  const change = async (e: Event & { currentTarget: HTMLInputElement }) => {
    const files = [...(e.currentTarget.files ?? [])]
    setNames(files.map((f) => f.name))
    const focused = document.activeElement === input
    if (files.length > 0 && (await props.onFiles(files))) clear()
    const lost = document.activeElement === null || document.activeElement === document.body
    if (focused && lost && input?.isConnected && !input.disabled) input.focus()
  }
  const chosen = () => {
    const n = names()
    if (n.length === 0) return t('common.fileNone')
    if (n.length === 1) return n[0]
    return t('common.filesChosen', { n: n.length, names: n.join(', ') })
  }
  return (
    <div class={`sc-field sc-file ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} />
      <div class="sc-file-row">
        <input
          ref={input}
          id={props.id}
          type="file"
          class="upload"
          accept={props.accept}
          multiple={props.multiple}
          disabled={props.disabled}
          aria-describedby={props.describedBy ? `${props.describedBy} ${chosenId()}` : chosenId()}
          onChange={change}
        />
        <label for={props.id} class="sc-file-button">
          {props.multiple ? t('common.filesChoose') : t('common.fileChoose')}
        </label>
        <span id={chosenId()} class="sc-file-chosen" aria-live="polite">
          {chosen()}
        </span>
      </div>
    </div>
  )
}

import { createSignal } from 'solid-js'
import { t } from '../i18n/index.ts'
import { FieldLabel } from './kit.tsx'

/**
 * A file field that speaks the page's language whatever the browser's (Chromium's own «Choose File / No file
 * chosen» follows the browser's): bootstrap-italia's upload pattern. The real `<input type="file">` stays in the
 * page, visually hidden (`.upload`) but focusable and labelled, so the keyboard (Tab, then Space or Enter) and
 * screen readers use it as before, with bootstrap-italia's focus ring on its button; a `<label>` drawn as a
 * button, «Scegli un file», opens it with a click, and the chosen file's name (or «Nessun file scelto») stands
 * beside it, announced when it changes and read as the field's description.
 *
 * `onFile` receives the file chosen; when it resolves to true (the file was sent), the field is emptied.
 */
export function FileInput(props: { id: string; label: string; accept?: string; class?: string; onFile: (file: File) => Promise<boolean> }) {
  const [name, setName] = createSignal('')
  const chosenId = () => `${props.id}-chosen`
  const change = async (e: Event & { currentTarget: HTMLInputElement }) => {
    const input = e.currentTarget
    const file = input.files?.[0]
    setName(file?.name ?? '')
    if (file && (await props.onFile(file))) {
      input.value = ''
      setName('')
    }
  }
  return (
    <div class={`sc-field sc-file ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} />
      <div class="sc-file-row">
        <input id={props.id} type="file" class="upload" accept={props.accept} aria-describedby={chosenId()} onChange={change} />
        <label for={props.id} class="sc-file-button">
          {t('common.fileChoose')}
        </label>
        <span id={chosenId()} class="sc-file-chosen" aria-live="polite">
          {name() || t('common.fileNone')}
        </span>
      </div>
    </div>
  )
}

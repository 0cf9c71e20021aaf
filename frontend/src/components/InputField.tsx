import { type JSX, splitProps } from 'solid-js'
import { FieldLabel } from './kit.tsx'

type InputAttributes = Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'id' | 'class' | 'onInput'>

/**
 * A labelled input of the visitor and team forms: `<div class="… sc-field">` with its label and the input
 * (`form-control`); every other attribute (type, min, step, required, value…) goes to the input.
 */
export function InputField(props: InputAttributes & { id: string; label: string; class?: string; onValue: (value: string) => void }) {
  const [own, input] = splitProps(props, ['id', 'label', 'class', 'onValue'])
  return (
    <div class={own.class ? `${own.class} sc-field` : 'sc-field'}>
      <FieldLabel for={own.id} label={own.label} required={Boolean(input.required)} />
      <input id={own.id} class="form-control" {...input} onInput={(e) => own.onValue(e.currentTarget.value)} />
    </div>
  )
}

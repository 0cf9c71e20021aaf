/**
 * Small building blocks shared by the staff pages (/operator, /reports, /admin): who may enter, the state of
 * an operation in words, form fields with their labels, pages of a list, tabs kept in the address.
 */
import './staff.css'
import { Tabs } from '@kobalte/core/tabs'
import { A, useSearchParams } from '@solidjs/router'
import { createMemo, For, type JSX, Match, Show, Switch } from 'solid-js'
import type { Role } from '../api/types.ts'
import { type TKey, t } from '../i18n/index.ts'
import { cardTable } from '../lib/card-table.ts'
import { useSession } from '../session/session.tsx'
import type { Operation } from './operation.ts'
import { ProblemAlert } from './ProblemAlert.tsx'
import { Loading, Success } from './States.tsx'

/** Shows its children only to the roles given; others read why, in words. */
export function StaffGate(props: { roles: Role[]; children: JSX.Element }) {
  const session = useSession()
  return (
    <Switch>
      <Match when={session.user.loading}>
        <Loading />
      </Match>
      <Match when={!session.user()}>
        <div class="alert alert-info" role="status">
          <p class="mb-1">{t('staff.common.signInFirst')}</p>
          <A href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('nav.login')}</A>
        </div>
      </Match>
      <Match when={!props.roles.includes(session.user()?.role as Role)}>
        <div class="alert alert-warning" role="alert">
          {t('staff.common.notAllowed')}
        </div>
      </Match>
      <Match when={true}>{props.children}</Match>
    </Switch>
  )
}

/** What an operation is doing, in words: progress, success or the problem (with the form's field labels). */
export function OperationStatus(props: { op: Operation; fields?: Record<string, string>; working?: string; hideProblem?: boolean }) {
  return (
    <div aria-live="polite">
      <Show when={props.op.pending()}>
        <Loading label={props.working ?? t('common.working')} />
      </Show>
      <Show when={props.op.done()}>{(message) => <Success>{message()}</Success>}</Show>
      <Show when={!props.hideProblem && props.op.problem()}>{(problem) => <ProblemAlert problem={problem()} fields={props.fields} />}</Show>
    </div>
  )
}

/** A field's label, with "(obbligatorio)" when the field is required. */
export function FieldLabel(props: { for: string; label: JSX.Element; required?: boolean }) {
  return (
    <label for={props.for}>
      {props.label}
      <Show when={props.required}>
        <span class="sc-required"> ({t('common.required')})</span>
      </Show>
    </label>
  )
}

/** A field's help text, `${id}-help` for its aria-describedby. */
function FieldHelp(props: { id: string; help?: string }) {
  return (
    <Show when={props.help}>
      <small id={`${props.id}-help`} class="form-text">
        {props.help}
      </small>
    </Show>
  )
}

type InputType = 'text' | 'email' | 'number' | 'date' | 'datetime-local' | 'time' | 'password' | 'month'

/**
 * How a field reports its value: `onInput` at every keystroke (a form that keeps its state and sends it on
 * submit), `onCommit` when the person commits it (leaves the field or presses Enter: the `change` event), for
 * a form that saves each field as it goes. A field may take either or both.
 */
interface ValueEvents {
  onInput?: (value: string) => void
  onCommit?: (value: string) => void
}

/**
 * The value a field is given, written into it only when it changes: a page that reads its data again (a new
 * object with the same title) leaves alone what the person is typing in the field meanwhile.
 */
const given = <T,>(value: () => T) => createMemo(value)

/** A labelled input (the label names it for assistive technology; help text is tied by aria-describedby). */
export function Field(
  props: ValueEvents & {
    id: string
    label: string
    value: string | number
    type?: InputType
    required?: boolean
    help?: string
    min?: string | number
    max?: string | number
    step?: string | number
    maxLength?: number
    autocomplete?: string
    class?: string
    inputmode?: 'numeric' | 'decimal' | 'email' | 'text'
    pattern?: string
  },
) {
  const value = given(() => props.value)
  return (
    <div class={`sc-field ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} required={props.required} />
      <input
        id={props.id}
        class="form-control"
        type={props.type ?? 'text'}
        value={value()}
        required={props.required}
        min={props.min}
        max={props.max}
        step={props.step}
        maxLength={props.maxLength}
        autocomplete={props.autocomplete ?? 'off'}
        inputmode={props.inputmode}
        pattern={props.pattern}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        onInput={(e) => props.onInput?.(e.currentTarget.value)}
        onChange={(e) => props.onCommit?.(e.currentTarget.value)}
      />
      <FieldHelp id={props.id} help={props.help} />
    </div>
  )
}

export interface Option {
  value: string
  label: string
}

export function SelectField(props: {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  options: Option[]
  /** Label of an empty first choice ("Tutti", "Nessuno"); omitted = no empty choice. */
  empty?: string
  required?: boolean
  help?: string
  class?: string
}) {
  const value = given(() => props.value)
  return (
    <div class={`sc-field ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} required={props.required} />
      <select
        id={props.id}
        class="form-select"
        value={value()}
        required={props.required}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.value)}
      >
        <Show when={props.empty !== undefined}>
          <option value="">{props.empty}</option>
        </Show>
        <For each={props.options}>
          {(o) => (
            <option value={o.value} selected={o.value === value()}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      <FieldHelp id={props.id} help={props.help} />
    </div>
  )
}

export function CheckField(props: { id: string; label: string; checked: boolean; onChange: (checked: boolean) => void; help?: string }) {
  const checked = given(() => props.checked)
  return (
    <div class="sc-field form-check">
      <input
        id={props.id}
        class="form-check-input"
        type="checkbox"
        checked={checked()}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <label class="form-check-label" for={props.id}>
        {props.label}
      </label>
      <Show when={props.help}>
        <small id={`${props.id}-help`} class="form-text d-block">
          {props.help}
        </small>
      </Show>
    </div>
  )
}

export function TextArea(
  props: ValueEvents & {
    id: string
    label: string
    value: string
    required?: boolean
    maxLength?: number
    rows?: number
    help?: string
    class?: string
  },
) {
  const value = given(() => props.value)
  return (
    <div class={`sc-field ${props.class ?? ''}`}>
      <FieldLabel for={props.id} label={props.label} required={props.required} />
      <textarea
        id={props.id}
        class="form-control"
        rows={props.rows ?? 3}
        value={value()}
        required={props.required}
        maxLength={props.maxLength}
        aria-describedby={props.help ? `${props.id}-help` : undefined}
        onInput={(e) => props.onInput?.(e.currentTarget.value)}
        onChange={(e) => props.onCommit?.(e.currentTarget.value)}
      />
      <FieldHelp id={props.id} help={props.help} />
    </div>
  )
}

/** Pages of a long list: "Pagina 2 di 7", previous and next; announces the range shown. */
export function Pager(props: { total: number; offset: number; limit: number; onChange: (offset: number) => void; label?: string }) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.limit))
  const page = () => Math.floor(props.offset / props.limit) + 1
  return (
    <Show when={props.total > props.limit}>
      <nav class="sc-pager" aria-label={props.label ?? t('staff.common.pages')}>
        <button
          type="button"
          class="btn btn-outline-primary btn-sm"
          disabled={page() <= 1}
          onClick={() => props.onChange(Math.max(0, props.offset - props.limit))}
        >
          {t('staff.common.previous')}
        </button>
        <span aria-live="polite">{t('staff.common.pageOf', { page: page(), pages: pages(), total: props.total })}</span>
        <button
          type="button"
          class="btn btn-outline-primary btn-sm"
          disabled={page() >= pages()}
          onClick={() => props.onChange(props.offset + props.limit)}
        >
          {t('staff.common.next')}
        </button>
      </nav>
    </Show>
  )
}

/** Client-side pages of an array already loaded. */
export function pageOf<T>(items: T[], offset: number, limit: number): T[] {
  return items.slice(offset, offset + limit)
}

export interface TabSpec {
  value: string
  label: TKey
  content: () => JSX.Element
}

/**
 * Kobalte tabs whose selection lives in the address (`?tab=`), so a tab can be linked and survives a reload.
 * Only the selected panel is mounted: each loads its own data when first shown.
 */
export function StaffTabs(props: { tabs: TabSpec[]; label: string }) {
  const [params, setParams] = useSearchParams<{ tab?: string }>()
  const current = () => (props.tabs.some((tab) => tab.value === params.tab) ? (params.tab as string) : props.tabs[0].value)
  return (
    <Tabs value={current()} onChange={(value) => setParams({ tab: value }, { replace: true })} class="sc-tabs">
      <Tabs.List class="sc-tab-list" aria-label={props.label}>
        <For each={props.tabs}>
          {(tab) => (
            <Tabs.Trigger class="sc-tab" value={tab.value}>
              {t(tab.label)}
            </Tabs.Trigger>
          )}
        </For>
      </Tabs.List>
      <For each={props.tabs}>
        {(tab) => (
          <Tabs.Content class="sc-tab-panel" value={tab.value}>
            {tab.content()}
          </Tabs.Content>
        )}
      </For>
    </Tabs>
  )
}

/**
 * The box a wide table scrolls in on small screens: a named region reachable by keyboard, so that people who
 * do not use a mouse can scroll it too (WCAG 2.1.1, axe scrollable-region-focusable).
 */
export function TableBox(props: { label: string; children: JSX.Element }) {
  return (
    <section class="sc-table-wrap" aria-label={props.label} tabindex="0">
      {props.children}
    </section>
  )
}

/**
 * A table of the staff pages in its scrolling box: its caption (for screen readers only, unless
 * `visibleCaption`), a header row of `columns`, and the rows given as children.
 */
export function StaffTable(props: { caption: string; columns: TKey[]; visibleCaption?: boolean; children: JSX.Element }) {
  return (
    <TableBox label={props.caption}>
      <table ref={cardTable} class="table table-sm">
        <caption class={props.visibleCaption ? undefined : 'visually-hidden'}>{props.caption}</caption>
        <thead>
          <tr>
            <For each={props.columns}>{(c) => <th scope="col">{t(c)}</th>}</For>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </TableBox>
  )
}

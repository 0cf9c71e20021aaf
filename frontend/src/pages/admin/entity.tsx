/**
 * The administration's lists and forms, described rather than hand-written: a form is a list of fields
 * (label, kind, rules) over a record of values; a list is columns over a paged API list.
 */
import { createAsync, revalidate } from '@solidjs/router'
import { createSignal, For, type JSX, Match, Show, Switch } from 'solid-js'
import { getAreas, getHubs, getLabs } from '../../api/catalogue.ts'
import type { Query } from '../../api/client.ts'
import { getConcessions, getEquipmentTypesList, getOperators, getTeamsLookup, listPage } from '../../api/staff.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { DateField } from '../../components/DateTimeInput.tsx'
import { Field, FieldLabel, type Option, Pager, TableBox } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { latestToast, toast } from '../../components/Toast.tsx'
import { type TKey, t, tn } from '../../i18n/index.ts'
import { cardTable } from '../../lib/card-table.ts'

export type Value = string | boolean | string[]
export type Values = Record<string, Value>

export interface FieldSpec {
  name: string
  label: TKey
  kind: 'text' | 'email' | 'number' | 'date' | 'password' | 'textarea' | 'select' | 'checkbox' | 'multiselect'
  required?: boolean
  help?: TKey
  options?: () => Option[]
  /** Label of the empty first choice of a select. */
  empty?: TKey
  min?: number
  max?: number
  step?: number
  maxLength?: number
  /** Shown only when this holds for the current values. */
  when?: (values: Values) => boolean
  /** Only when creating (e.g. the hub of a lab cannot change). */
  createOnly?: boolean
  /** Only when editing (e.g. disabling an account). */
  editOnly?: boolean
}

export const str = (v: Value | undefined): string => (typeof v === 'string' ? v.trim() : '')
export const num = (v: Value | undefined): number => Number(str(v))
/** An optional text: omitted when empty. */
export const opt = (v: Value | undefined): string | undefined => str(v) || undefined
export const bool = (v: Value | undefined): boolean => v === true
export const list = (v: Value | undefined): string[] => (Array.isArray(v) ? v : [])

/** Choices of a select from named records, by name. */
export const byName = (items: { id: string; name: string }[] | undefined): Option[] =>
  (items ?? [])
    .slice()
    .sort((a, b) => a.name.localeCompare(b.name))
    .map((x) => ({ value: x.id, label: x.name }))

/** Every list and lookup the administration shows: re-read after any change. */
export function refreshAdmin() {
  return revalidate([
    listPage.key,
    getHubs.key,
    getLabs.key,
    getAreas.key,
    getOperators.key,
    getConcessions.key,
    getTeamsLookup.key,
    getEquipmentTypesList.key,
  ])
}

interface SpecFieldProps {
  spec: FieldSpec
  idPrefix: string
  values: Values
  set: (name: string, value: Value) => void
}

/** What every kind of field shares: its id, its help's id, its value, its label and its help. */
function specParts(props: SpecFieldProps) {
  const id = () => `${props.idPrefix}-${props.spec.name}`
  const helpId = () => (props.spec.help ? `${id()}-help` : undefined)
  return {
    id,
    helpId,
    value: () => props.values[props.spec.name],
    set: (value: Value) => props.set(props.spec.name, value),
    label: () => <FieldLabel for={id()} label={t(props.spec.label)} required={props.spec.required} />,
    help: () => (
      <Show when={props.spec.help}>
        <small id={helpId()} class="form-text d-block">
          {t(props.spec.help as TKey)}
        </small>
      </Show>
    ),
  }
}

function SpecField(props: SpecFieldProps) {
  return (
    <Switch>
      <Match when={props.spec.kind === 'checkbox'}>
        <CheckboxSpecField {...props} />
      </Match>
      <Match when={props.spec.kind === 'select'}>
        <SelectSpecField {...props} />
      </Match>
      <Match when={props.spec.kind === 'multiselect'}>
        <MultiSelectSpecField {...props} />
      </Match>
      <Match when={props.spec.kind === 'textarea'}>
        <TextareaSpecField {...props} />
      </Match>
      <Match when={props.spec.kind === 'date'}>
        <DateSpecField {...props} />
      </Match>
      <Match when={true}>
        <InputSpecField {...props} />
      </Match>
    </Switch>
  )
}

function CheckboxSpecField(props: SpecFieldProps) {
  const f = specParts(props)
  return (
    <div class="sc-field form-check">
      <input
        id={f.id()}
        type="checkbox"
        class="form-check-input"
        checked={f.value() === true}
        aria-describedby={f.helpId()}
        onChange={(e) => f.set(e.currentTarget.checked)}
      />
      <label class="form-check-label" for={f.id()}>
        {t(props.spec.label)}
      </label>
      {f.help()}
    </div>
  )
}

function SelectSpecField(props: SpecFieldProps) {
  const f = specParts(props)
  return (
    <div class="sc-field">
      {f.label()}
      <select
        id={f.id()}
        class="form-select"
        required={props.spec.required}
        aria-describedby={f.helpId()}
        onChange={(e) => f.set(e.currentTarget.value)}
      >
        <Show when={props.spec.empty}>
          <option value="" selected={!f.value()}>
            {t(props.spec.empty as TKey)}
          </option>
        </Show>
        <For each={props.spec.options?.() ?? []}>
          {(o) => (
            <option value={o.value} selected={o.value === f.value()}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      {f.help()}
    </div>
  )
}

function MultiSelectSpecField(props: SpecFieldProps) {
  const f = specParts(props)
  return (
    <div class="sc-field">
      {f.label()}
      <select
        id={f.id()}
        class="form-select"
        multiple
        size={6}
        aria-describedby={f.helpId()}
        onChange={(e) => f.set(Array.from(e.currentTarget.selectedOptions).map((o) => o.value))}
      >
        <For each={props.spec.options?.() ?? []}>
          {(o) => (
            <option value={o.value} selected={list(f.value()).includes(o.value)}>
              {o.label}
            </option>
          )}
        </For>
      </select>
      {f.help()}
    </div>
  )
}

function TextareaSpecField(props: SpecFieldProps) {
  const f = specParts(props)
  return (
    <div class="sc-field">
      {f.label()}
      <textarea
        id={f.id()}
        class="form-control"
        rows="3"
        required={props.spec.required}
        maxLength={props.spec.maxLength}
        aria-describedby={f.helpId()}
        value={str(f.value())}
        onInput={(e) => f.set(e.currentTarget.value)}
      />
      {f.help()}
    </div>
  )
}

/** A date typed in Italian (dd/mm/yyyy, with a calendar) whatever the browser's language; the value stays YYYY-MM-DD. */
function DateSpecField(props: SpecFieldProps) {
  const f = specParts(props)
  return (
    <DateField
      id={f.id()}
      label={t(props.spec.label)}
      value={str(f.value())}
      onValue={f.set}
      required={props.spec.required}
      help={props.spec.help ? t(props.spec.help as TKey) : undefined}
    />
  )
}

/** Text, email, number and password: one `<input>` of that type. */
function InputSpecField(props: SpecFieldProps) {
  const f = specParts(props)
  return (
    <div class="sc-field">
      {f.label()}
      <input
        id={f.id()}
        class="form-control"
        type={props.spec.kind}
        required={props.spec.required}
        min={props.spec.min}
        max={props.spec.max}
        step={props.spec.step}
        maxLength={props.spec.maxLength}
        inputmode={props.spec.kind === 'number' ? 'decimal' : undefined}
        autocomplete={props.spec.kind === 'password' ? 'new-password' : 'off'}
        aria-describedby={f.helpId()}
        value={typeof f.value() === 'string' ? (f.value() as string) : ''}
        onInput={(e) => f.set(e.currentTarget.value)}
      />
      {f.help()}
    </div>
  )
}

/**
 * A modal form (the shared ConfirmDialog): the fields of `specs`, a submit with its progress, the problem in
 * words with the form's own labels (a 400's field errors name the field as the form does). Success closes it;
 * closing gives the focus back to the button that opened it, or to the toast saying what was done.
 */
export function FormDialog(props: {
  title: string
  specs: FieldSpec[]
  initial: Values
  editing?: boolean
  submitLabel: string
  idPrefix: string
  onSubmit: (values: Values) => Promise<unknown>
  onClose: () => void
  onDone: () => void
  intro?: string
}) {
  const [values, setValues] = createSignal<Values>({ ...props.initial })
  const set = (name: string, value: Value) => setValues({ ...values(), [name]: value })
  const shown = () => props.specs.filter((s) => (props.editing ? !s.createOnly : !s.editOnly) && (!s.when || s.when(values())))
  const labels = () => Object.fromEntries(props.specs.map((s) => [s.name, t(s.label)]))

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      title={props.title}
      description={props.intro}
      confirmLabel={props.submitLabel}
      fields={labels()}
      formClass="sc-form"
      focusFallback={latestToast}
      onConfirm={async () => {
        await props.onSubmit(values())
        await refreshAdmin()
        props.onDone()
      }}
    >
      <For each={shown()}>{(spec) => <SpecField spec={spec} idPrefix={props.idPrefix} values={values()} set={set} />}</For>
    </ConfirmDialog>
  )
}

export interface Column<T> {
  header: TKey
  cell: (row: T) => JSX.Element
  /** This column names the row (a row header for screen readers). */
  rowHeader?: boolean
}

/** A table over one page of an API list, with the pages below. */
export function EntityTable<T extends { id: string }>(props: {
  path: string
  query?: Query
  columns: Column<T>[]
  caption: string
  empty: string
  pageSize?: number
  actions?: (row: T) => JSX.Element
}) {
  const [offset, setOffset] = createSignal(0)
  const limit = () => props.pageSize ?? 25
  return (
    <AsyncBoundary>
      <Table {...props} offset={offset()} limit={limit()} setOffset={setOffset} />
    </AsyncBoundary>
  )
}

function Table<T extends { id: string }>(props: {
  path: string
  query?: Query
  columns: Column<T>[]
  caption: string
  empty: string
  actions?: (row: T) => JSX.Element
  offset: number
  limit: number
  setOffset: (n: number) => void
}) {
  const page = createAsync(() => listPage<T>(props.path, { ...(props.query ?? {}), limit: props.limit, offset: props.offset }))
  return (
    <Show when={(page()?.items.length ?? 0) > 0} fallback={<Empty>{props.empty}</Empty>}>
      <p class="small mb-1">{tn('staff.admin.count', page()?.total ?? 0)}</p>
      <TableBox label={props.caption}>
        <table ref={cardTable} class="table table-sm">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <For each={props.columns}>{(c) => <th scope="col">{t(c.header)}</th>}</For>
              <Show when={props.actions}>
                <th scope="col">{t('common.actions')}</th>
              </Show>
            </tr>
          </thead>
          <tbody>
            <For each={(page()?.items ?? []) as T[]}>
              {(row) => (
                <tr>
                  <For each={props.columns}>{(c) => (c.rowHeader ? <th scope="row">{c.cell(row)}</th> : <td>{c.cell(row)}</td>)}</For>
                  <Show when={props.actions}>
                    <td>
                      <div class="sc-actions">{props.actions?.(row)}</div>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </TableBox>
      <Pager total={page()?.total ?? 0} offset={props.offset} limit={props.limit} onChange={props.setOffset} />
    </Show>
  )
}

/** A tab of the administration: a heading, a "new" button opening its form, the list (successes go to the toast). */
export function AdminSection(props: {
  id: string
  title: string
  intro?: string
  newLabel?: string
  onNew?: () => void
  children: JSX.Element
}) {
  return (
    <section aria-labelledby={`${props.id}-title`}>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mb-2">
        <h2 id={`${props.id}-title`} class="h4 mb-0">
          {props.title}
        </h2>
        <Show when={props.newLabel}>
          <button id={`${props.id}-new`} type="button" class="btn btn-primary btn-sm" onClick={() => props.onNew?.()}>
            {props.newLabel}
          </button>
        </Show>
      </div>
      <Show when={props.intro}>
        <p>{props.intro}</p>
      </Show>
      {props.children}
    </section>
  )
}

/** "Modifica" on a row, with the row's name for screen readers; its id is the row's, to find it again once redrawn. */
function EditButton(props: { id: string; name: string; onClick: () => void }) {
  return (
    <button id={props.id} type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onClick()}>
      {t('staff.admin.edit')}
      <span class="visually-hidden"> {props.name}</span>
    </button>
  )
}

/**
 * One register of the administration, declared: its section (title, intro, "new" button), an
 * optional toolbar, the paged table of `path` with its columns, and the form that creates a record or, with
 * `update` and `rowName`, edits one ("Modifica" on each row).
 */
export function AdminRegister<T extends { id: string }>(props: {
  id: string
  title: string
  intro?: string
  newLabel: string
  toolbar?: JSX.Element
  path: string
  query?: Query
  pageSize?: number
  /** Text of an empty list; "no records" by default. */
  empty?: string
  columns: Column<T>[]
  /** The row's name: on its edit button and in its edit form's title. */
  rowName?: (row: T) => string
  /** The edit form's title, when not "Modifica <name>". */
  editTitle?: (row: T) => string
  /** More buttons of a row, after its edit button. */
  moreActions?: (row: T) => JSX.Element
  idPrefix: string
  specs: FieldSpec[]
  /** The form's values: a new record's defaults, or the row's. */
  values: (row?: T) => Values
  /** Introduction of the new record's form. */
  newIntro?: string
  create: (values: Values) => Promise<unknown>
  update?: (row: T, values: Values) => Promise<unknown>
  /** Shown after the table (e.g. a record's details). */
  children?: JSX.Element
}) {
  const [form, setForm] = createSignal<{ row?: T }>()
  const editable = () => Boolean(props.update && props.rowName)
  const actions = (row: T) => (
    <>
      <Show when={editable()}>
        <EditButton id={`${props.idPrefix}-edit-${row.id}`} name={props.rowName?.(row) ?? ''} onClick={() => setForm({ row })} />
      </Show>
      {props.moreActions?.(row)}
    </>
  )
  return (
    <AdminSection id={props.id} title={props.title} intro={props.intro} newLabel={props.newLabel} onNew={() => setForm({})}>
      {props.toolbar}
      <EntityTable<T>
        path={props.path}
        query={props.query}
        caption={props.title}
        empty={props.empty ?? t('staff.admin.emptyList')}
        pageSize={props.pageSize}
        columns={props.columns}
        actions={editable() || props.moreActions ? actions : undefined}
      />
      {props.children}
      <Show when={form()} keyed>
        {(f) => (
          <FormDialog
            title={
              f.row ? (props.editTitle?.(f.row) ?? t('staff.admin.editNamed', { name: props.rowName?.(f.row) ?? '' })) : props.newLabel
            }
            intro={f.row ? undefined : props.newIntro}
            idPrefix={props.idPrefix}
            specs={props.specs}
            initial={props.values(f.row)}
            editing={Boolean(f.row)}
            submitLabel={f.row ? t('common.save') : t('staff.admin.create')}
            onSubmit={(v) => (f.row && props.update ? props.update(f.row, v) : props.create(v))}
            onClose={() => setForm(undefined)}
            onDone={() => {
              setForm(undefined)
              toast.success(f.row ? t('staff.admin.saved') : t('staff.admin.created'))
            }}
          />
        )}
      </Show>
    </AdminSection>
  )
}

/** A register's search: the text field, any other filters (children), "Cerca"; submitting passes the trimmed text. */
export function SearchToolbar(props: { id: string; label: string; onSearch: (q: string) => void; children?: JSX.Element }) {
  const [q, setQ] = createSignal('')
  return (
    <form
      class="sc-toolbar"
      onSubmit={(e) => {
        e.preventDefault()
        props.onSearch(q().trim())
      }}
    >
      <Field id={props.id} label={props.label} value={q()} onInput={setQ} />
      {props.children}
      <button type="submit" class="btn btn-outline-primary">
        {t('common.search')}
      </button>
    </form>
  )
}

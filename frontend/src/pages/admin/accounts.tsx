import { createAsync } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { getOperators, getTeamsLookup, staffApi, type UserAccount } from '../../api/staff.ts'
import type { Role } from '../../api/types.ts'
import { t } from '../../i18n/index.ts'
import { Field, SelectField } from '../operator/kit.tsx'
import { AdminSection, bool, EntityTable, type FieldSpec, FormDialog, list, opt, str, type Values } from './entity.tsx'

const ROLES: Role[] = ['admin', 'operator', 'member']

/** Accounts: the Comune's staff, operators' staff (with their operator), team members (with their teams). */
export function UsersTab() {
  const operators = createAsync(() => getOperators())
  const teams = createAsync(() => getTeamsLookup())
  const [form, setForm] = createSignal<{ row?: UserAccount }>()
  const [done, setDone] = createSignal<string>()
  const [q, setQ] = createSignal('')
  const [search, setSearch] = createSignal('')
  const [role, setRole] = createSignal('')

  const operatorName = (id: string | null) => (id ? (operators()?.find((o) => o.id === id)?.name ?? '') : '')
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    { name: 'email', label: 'staff.admin.email', kind: 'email', required: true, maxLength: 200, createOnly: true },
    {
      name: 'role',
      label: 'staff.admin.role',
      kind: 'select',
      required: true,
      options: () => ROLES.map((r) => ({ value: r, label: t(`staff.admin.roles.${r}`) })),
    },
    {
      name: 'password',
      label: 'staff.admin.password',
      kind: 'password',
      maxLength: 200,
      help: 'staff.admin.passwordHelp',
      createOnly: true,
    },
    {
      name: 'operatorId',
      label: 'staff.admin.operator',
      kind: 'select',
      required: true,
      empty: 'staff.admin.choose',
      options: () => (operators() ?? []).map((o) => ({ value: o.id, label: o.name })),
      when: (v) => v.role === 'operator',
    },
    {
      name: 'teamIds',
      label: 'staff.admin.userTeams',
      kind: 'multiselect',
      help: 'staff.admin.userTeamsHelp',
      options: () =>
        (teams() ?? [])
          .slice()
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((x) => ({ value: x.id, label: x.name })),
      when: (v) => v.role === 'member',
    },
    {
      name: 'disabled',
      label: 'staff.admin.disabled',
      kind: 'checkbox',
      help: 'staff.admin.disabledHelp',
      when: () => Boolean(form()?.row),
    },
  ]
  const values = (u?: UserAccount): Values => ({
    name: u?.name ?? '',
    email: u?.email ?? '',
    role: u?.role ?? 'member',
    password: '',
    operatorId: u?.operatorId ?? '',
    teamIds: u?.teamIds ?? [],
    disabled: u?.disabled ?? false,
  })
  const create = (v: Values) => {
    const r = str(v.role) as Role
    return staffApi.createUser({
      email: str(v.email),
      name: str(v.name),
      role: r,
      ...(opt(v.password) ? { password: str(v.password) } : {}),
      ...(r === 'operator' ? { operatorId: str(v.operatorId) } : {}),
      ...(r === 'member' ? { teamIds: list(v.teamIds) } : {}),
    })
  }
  const update = (u: UserAccount, v: Values) => {
    const r = str(v.role) as Role
    return staffApi.updateUser(u.id, {
      name: str(v.name),
      role: r,
      operatorId: r === 'operator' ? str(v.operatorId) : null,
      teamIds: r === 'member' ? list(v.teamIds) : [],
      disabled: bool(v.disabled),
    })
  }

  return (
    <AdminSection
      id="users"
      title={t('staff.admin.users')}
      intro={t('staff.admin.usersIntro')}
      newLabel={t('staff.admin.newUser')}
      onNew={() => setForm({})}
      done={done()}
    >
      <form
        class="sc-toolbar"
        onSubmit={(e) => {
          e.preventDefault()
          setSearch(q().trim())
        }}
      >
        <Field id="users-q" label={t('staff.admin.searchUsers')} value={q()} onInput={setQ} />
        <SelectField
          id="users-role"
          label={t('staff.admin.role')}
          value={role()}
          empty={t('common.all')}
          options={ROLES.map((r) => ({ value: r, label: t(`staff.admin.roles.${r}`) }))}
          onChange={setRole}
        />
        <button type="submit" class="btn btn-outline-primary">
          {t('common.search')}
        </button>
      </form>
      <EntityTable<UserAccount>
        path="/users"
        query={{ q: search() || undefined, role: role() || undefined }}
        caption={t('staff.admin.users')}
        empty={t('staff.admin.emptyList')}
        columns={[
          { header: 'staff.admin.name', cell: (u) => u.name, rowHeader: true },
          { header: 'staff.admin.email', cell: (u) => u.email },
          { header: 'staff.admin.role', cell: (u) => t(`staff.admin.roles.${u.role}`) },
          {
            header: 'staff.admin.belongsTo',
            cell: (u) => (u.role === 'operator' ? operatorName(u.operatorId) : (u.teams ?? []).map((x) => x.name).join(', ')),
          },
          {
            header: 'common.status',
            cell: (u) => (u.disabled ? <span class="sc-status bad">{t('staff.admin.disabledShort')}</span> : t('staff.admin.enabled')),
          },
        ]}
        actions={(u) => (
          <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setForm({ row: u })}>
            {t('staff.admin.edit')}
            <span class="visually-hidden"> {u.name}</span>
          </button>
        )}
      />
      <Show when={form()} keyed>
        {(f) => (
          <FormDialog
            title={f.row ? t('staff.admin.editNamed', { name: f.row.name }) : t('staff.admin.newUser')}
            intro={f.row ? undefined : t('staff.admin.newUserIntro')}
            idPrefix="user"
            specs={specs}
            initial={values(f.row)}
            editing={Boolean(f.row)}
            submitLabel={f.row ? t('common.save') : t('staff.admin.create')}
            onSubmit={(v) => (f.row ? update(f.row, v) : create(v))}
            onClose={() => setForm(undefined)}
            onDone={() => {
              setForm(undefined)
              setDone(f.row ? t('staff.admin.saved') : t('staff.admin.created'))
            }}
          />
        )}
      </Show>
    </AdminSection>
  )
}

import { createAsync } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { getOperators, getTeamsLookup, staffApi, type UserAccount } from '../../api/staff.ts'
import type { Operator, Role } from '../../api/types.ts'
import { SelectField } from '../../components/kit.tsx'
import { t } from '../../i18n/index.ts'
import { AdminRegister, bool, byName, type FieldSpec, list, opt, SearchToolbar, str, type Values } from './entity.tsx'

const ROLES: Role[] = ['admin', 'operator', 'member']

/** The account form's fields: the operator only for an operator's staff, the teams only for a member. */
function userSpecs(operators: () => Operator[] | undefined, teams: () => { id: string; name: string }[] | undefined): FieldSpec[] {
  return [
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
      options: () => byName(teams()),
      when: (v) => v.role === 'member',
    },
    {
      name: 'disabled',
      label: 'staff.admin.disabled',
      kind: 'checkbox',
      help: 'staff.admin.disabledHelp',
      editOnly: true,
    },
  ]
}

const userValues = (u?: UserAccount): Values => ({
  name: u?.name ?? '',
  email: u?.email ?? '',
  role: u?.role ?? 'member',
  password: '',
  operatorId: u?.operatorId ?? '',
  teamIds: u?.teamIds ?? [],
  disabled: u?.disabled ?? false,
})

function createUser(v: Values) {
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

function updateUser(u: UserAccount, v: Values) {
  const r = str(v.role) as Role
  return staffApi.updateUser(u.id, {
    name: str(v.name),
    role: r,
    operatorId: r === 'operator' ? str(v.operatorId) : null,
    teamIds: r === 'member' ? list(v.teamIds) : [],
    disabled: bool(v.disabled),
  })
}

/** Accounts: the Comune's staff, operators' staff (with their operator), team members (with their teams). */
export function UsersTab() {
  const operators = createAsync(() => getOperators())
  const teams = createAsync(() => getTeamsLookup())
  const [search, setSearch] = createSignal('')
  const [role, setRole] = createSignal('')
  const operatorName = (id: string | null) => (id ? (operators()?.find((o) => o.id === id)?.name ?? '') : '')

  return (
    <AdminRegister<UserAccount>
      id="users"
      title={t('staff.admin.users')}
      intro={t('staff.admin.usersIntro')}
      newLabel={t('staff.admin.newUser')}
      toolbar={
        <SearchToolbar id="users-q" label={t('staff.admin.searchUsers')} onSearch={setSearch}>
          <SelectField
            id="users-role"
            label={t('staff.admin.role')}
            value={role()}
            empty={t('common.all')}
            options={ROLES.map((r) => ({ value: r, label: t(`staff.admin.roles.${r}`) }))}
            onChange={setRole}
          />
        </SearchToolbar>
      }
      path="/users"
      query={{ q: search() || undefined, role: role() || undefined }}
      columns={[
        { header: 'staff.admin.name', cell: (u) => u.name, rowHeader: true },
        { header: 'staff.admin.email', cell: (u) => u.email },
        { header: 'spid.fiscalCode', cell: (u) => u.fiscalCode ?? '' },
        { header: 'staff.admin.role', cell: (u) => t(`staff.admin.roles.${u.role}`) },
        {
          header: 'staff.admin.belongsTo',
          cell: (u) => (u.role === 'operator' ? operatorName(u.operatorId) : u.teams.map((x) => x.name).join(', ')),
        },
        {
          header: 'common.status',
          cell: (u) => (u.disabled ? <span class="sc-status bad">{t('staff.admin.disabledShort')}</span> : t('staff.admin.enabled')),
        },
      ]}
      rowName={(u) => u.name}
      idPrefix="user"
      specs={userSpecs(operators, teams)}
      values={userValues}
      newIntro={t('staff.admin.newUserIntro')}
      create={createUser}
      update={updateUser}
    />
  )
}

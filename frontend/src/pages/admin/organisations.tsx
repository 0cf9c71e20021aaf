import { createAsync } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { getHubs } from '../../api/catalogue.ts'
import { type GrantRequest, getOperators, getTeamGrants, getTeamMembers, getTeamsLookup, staffApi } from '../../api/staff.ts'
import { type Concession, type Grant, LAB_TYPES, type LabType, type Operator, type Team } from '../../api/types.ts'
import { SelectField, TableBox } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { toast } from '../../components/Toast.tsx'
import { t } from '../../i18n/index.ts'
import { cardTable } from '../../lib/card-table.ts'
import { formatDate, formatEuroCents, formatNumber } from '../../lib/format.ts'
import { AdminRegister, byName, type FieldSpec, FormDialog, num, opt, SearchToolbar, str, type Values } from './entity.tsx'

const LEGAL_STATUSES = ['informal', 'association', 'cooperative', 'social_enterprise', 'other'] as const
const CONCESSION_STATUSES = ['draft', 'active', 'expired', 'terminated'] as const

export function OperatorsTab() {
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    { name: 'legalForm', label: 'staff.admin.legalForm', kind: 'text', required: true, maxLength: 100, help: 'staff.admin.legalFormHelp' },
    { name: 'taxCode', label: 'staff.admin.taxCode', kind: 'text', required: true, maxLength: 16, help: 'staff.admin.taxCodeHelp' },
  ]
  const values = (o?: Operator): Values => ({ name: o?.name ?? '', legalForm: o?.legalForm ?? '', taxCode: o?.taxCode ?? '' })
  const body = (v: Values) => ({ name: str(v.name), legalForm: str(v.legalForm), taxCode: str(v.taxCode).toUpperCase() })
  return (
    <AdminRegister<Operator>
      id="operators"
      title={t('staff.admin.operators')}
      newLabel={t('staff.admin.newOperator')}
      path="/operators"
      columns={[
        { header: 'staff.admin.name', cell: (o) => o.name, rowHeader: true },
        { header: 'staff.admin.legalForm', cell: (o) => o.legalForm },
        { header: 'staff.admin.taxCode', cell: (o) => o.taxCode },
      ]}
      rowName={(o) => o.name}
      idPrefix="operator"
      specs={specs}
      values={values}
      create={(v) => staffApi.createOperator(body(v))}
      update={(o, v) => staffApi.updateOperator(o.id, body(v))}
    />
  )
}

export function ConcessionsTab() {
  const hubs = createAsync(() => getHubs())
  const operators = createAsync(() => getOperators())
  const hubName = (id: string) => hubs()?.find((h) => h.id === id)?.name ?? ''
  const operatorName = (id: string) => operators()?.find((o) => o.id === id)?.name ?? ''
  const specs: FieldSpec[] = [
    {
      name: 'hubId',
      label: 'staff.common.hub',
      kind: 'select',
      required: true,
      createOnly: true,
      empty: 'staff.admin.choose',
      options: () => byName(hubs()),
    },
    {
      name: 'operatorId',
      label: 'staff.admin.operator',
      kind: 'select',
      required: true,
      createOnly: true,
      empty: 'staff.admin.choose',
      options: () => (operators() ?? []).map((o) => ({ value: o.id, label: o.name })),
    },
    { name: 'start', label: 'staff.admin.start', kind: 'date', required: true },
    { name: 'end', label: 'staff.admin.end', kind: 'date', required: true },
    { name: 'annualFee', label: 'staff.admin.annualFee', kind: 'number', min: 0, step: 0.01, help: 'staff.admin.annualFeeHelp' },
    { name: 'minOpenHoursPerWeek', label: 'staff.admin.minOpenHours', kind: 'number', min: 0, max: 168, step: 0.5 },
    { name: 'minSocialSharePercent', label: 'staff.admin.minSocialShare', kind: 'number', min: 0, max: 100, step: 1 },
    {
      name: 'status',
      label: 'common.status',
      kind: 'select',
      required: true,
      options: () => CONCESSION_STATUSES.map((s) => ({ value: s, label: t(`staff.admin.concessionStatus.${s}`) })),
    },
  ]
  const values = (c?: Concession): Values => ({
    hubId: c?.hubId ?? '',
    operatorId: c?.operatorId ?? '',
    start: c?.start ?? '',
    end: c?.end ?? '',
    annualFee: c ? String(c.annualFeeCents / 100) : '0',
    minOpenHoursPerWeek: String(c?.obligations.minOpenHoursPerWeek ?? 0),
    minSocialSharePercent: String(c?.obligations.minSocialSharePercent ?? 0),
    status: c?.status ?? 'active',
  })
  const common = (v: Values) => ({
    start: str(v.start),
    end: str(v.end),
    annualFeeCents: Math.round(num(v.annualFee) * 100),
    obligations: { minOpenHoursPerWeek: num(v.minOpenHoursPerWeek), minSocialSharePercent: num(v.minSocialSharePercent) },
    status: str(v.status) as Concession['status'],
  })
  return (
    <AdminRegister<Concession>
      id="concessions"
      title={t('staff.admin.concessions')}
      intro={t('staff.admin.concessionsIntro')}
      newLabel={t('staff.admin.newConcession')}
      path="/concessions"
      columns={[
        { header: 'staff.common.hub', cell: (c) => hubName(c.hubId), rowHeader: true },
        { header: 'staff.admin.operator', cell: (c) => operatorName(c.operatorId) },
        { header: 'staff.admin.period', cell: (c) => `${formatDate(c.start)} – ${formatDate(c.end)}` },
        { header: 'staff.admin.annualFee', cell: (c) => formatEuroCents(c.annualFeeCents) },
        {
          header: 'staff.admin.obligations',
          cell: (c) =>
            t('staff.admin.obligationsText', {
              hours: formatNumber(c.obligations.minOpenHoursPerWeek),
              share: formatNumber(c.obligations.minSocialSharePercent),
            }),
        },
        {
          header: 'common.status',
          cell: (c) => (
            <span class={`sc-status ${c.status === 'active' ? 'good' : ''}`}>{t(`staff.admin.concessionStatus.${c.status}`)}</span>
          ),
        },
      ]}
      rowName={(c) => hubName(c.hubId)}
      editTitle={(c) => t('staff.admin.editConcession', { hub: hubName(c.hubId) })}
      idPrefix="concession"
      specs={specs}
      values={values}
      create={(v) => staffApi.createConcession({ hubId: str(v.hubId), operatorId: str(v.operatorId), ...common(v) })}
      update={(c, v) => staffApi.updateConcession(c.id, common(v))}
    />
  )
}

export function TeamsTab() {
  const [search, setSearch] = createSignal('')
  const [openTeam, setOpenTeam] = createSignal<Team>()
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    {
      name: 'legalStatus',
      label: 'staff.admin.legalStatus',
      kind: 'select',
      required: true,
      options: () => LEGAL_STATUSES.map((s) => ({ value: s, label: t(`staff.admin.legalStatuses.${s}`) })),
    },
    { name: 'contactEmail', label: 'staff.admin.contactEmail', kind: 'email', required: true, maxLength: 200 },
    { name: 'callReference', label: 'staff.admin.callReference', kind: 'text', maxLength: 200, help: 'staff.admin.callReferenceHelp' },
  ]
  const values = (x?: Team): Values => ({
    name: x?.name ?? '',
    legalStatus: x?.legalStatus ?? 'association',
    contactEmail: x?.contactEmail ?? '',
    callReference: x?.callReference ?? '',
  })
  const body = (v: Values) => ({
    name: str(v.name),
    legalStatus: str(v.legalStatus) as Team['legalStatus'],
    contactEmail: str(v.contactEmail),
    callReference: opt(v.callReference) ?? null,
  })
  return (
    <AdminRegister<Team>
      id="teams"
      title={t('staff.admin.teams')}
      newLabel={t('staff.admin.newTeam')}
      toolbar={<SearchToolbar id="teams-q" label={t('staff.admin.searchTeams')} onSearch={setSearch} />}
      path="/teams"
      query={{ q: search() || undefined }}
      columns={[
        { header: 'staff.admin.name', cell: (x) => x.name, rowHeader: true },
        { header: 'staff.admin.legalStatus', cell: (x) => t(`staff.admin.legalStatuses.${x.legalStatus}`) },
        { header: 'staff.admin.contactEmail', cell: (x) => x.contactEmail },
        { header: 'staff.admin.callReference', cell: (x) => x.callReference ?? '' },
      ]}
      rowName={(x) => x.name}
      moreActions={(x) => (
        <button
          type="button"
          class="btn btn-outline-primary btn-sm"
          onClick={() => {
            setOpenTeam(x)
            queueMicrotask(() => document.getElementById('team-detail-title')?.focus())
          }}
        >
          {t('staff.admin.membersAndGrants')}
          <span class="visually-hidden"> {x.name}</span>
        </button>
      )}
      idPrefix="team"
      specs={specs}
      values={values}
      create={(v) => staffApi.createTeam(body(v))}
      update={(x, v) => staffApi.updateTeam(x.id, body(v))}
    >
      <Show when={openTeam()} keyed>
        {(team) => <TeamDetail team={team} onClose={() => setOpenTeam(undefined)} />}
      </Show>
    </AdminRegister>
  )
}

const grantSpecs = (
  hubOptions: () => { value: string; label: string }[],
  withTeam?: () => { value: string; label: string }[],
): FieldSpec[] => [
  ...(withTeam
    ? [
        {
          name: 'teamId',
          label: 'staff.common.team',
          kind: 'select',
          required: true,
          empty: 'staff.admin.choose',
          options: withTeam,
        } as FieldSpec,
      ]
    : []),
  {
    name: 'reference',
    label: 'staff.admin.grantReference',
    kind: 'text',
    required: true,
    maxLength: 200,
    help: 'staff.admin.grantReferenceHelp',
  },
  { name: 'hours', label: 'staff.admin.grantHours', kind: 'number', required: true, min: 0.25, step: 0.25 },
  { name: 'from', label: 'staff.admin.start', kind: 'date', required: true },
  { name: 'to', label: 'staff.admin.end', kind: 'date', required: true },
  { name: 'hubId', label: 'staff.common.hub', kind: 'select', empty: 'staff.admin.anyHub', options: hubOptions },
  {
    name: 'labType',
    label: 'staff.admin.labType',
    kind: 'select',
    empty: 'staff.admin.anyType',
    options: () => LAB_TYPES.map((x) => ({ value: x, label: t(`labType.${x}`) })),
  },
]

const grantBody = (v: Values): GrantRequest => ({
  reference: str(v.reference),
  hours: num(v.hours),
  from: str(v.from),
  to: str(v.to),
  hubId: opt(v.hubId) ?? null,
  labType: (opt(v.labType) as LabType | undefined) ?? null,
})

function TeamDetail(props: { team: Team; onClose: () => void }) {
  const hubs = createAsync(() => getHubs())
  const [addMember, setAddMember] = createSignal(false)
  const [addGrant, setAddGrant] = createSignal(false)
  const hubOptions = () => byName(hubs())
  const hubName = (id: string | null | undefined) => (id ? (hubs()?.find((h) => h.id === id)?.name ?? '') : t('staff.admin.anyHub'))
  return (
    <section class="sc-card my-3" aria-labelledby="team-detail-title">
      <div class="d-flex flex-wrap justify-content-between gap-2">
        <h3 id="team-detail-title" class="h5" tabindex="-1">
          {props.team.name}
        </h3>
        <button type="button" class="btn btn-link btn-sm" onClick={() => props.onClose()}>
          {t('common.close')}
        </button>
      </div>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2">
        <h4 class="h6 mb-0">{t('staff.admin.members')}</h4>
        <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setAddMember(true)}>
          {t('staff.admin.addMember')}
        </button>
      </div>
      <AsyncBoundary>
        <Members teamId={props.team.id} />
      </AsyncBoundary>
      <div class="d-flex flex-wrap align-items-center justify-content-between gap-2 mt-3">
        <h4 class="h6 mb-0">{t('staff.admin.grants')}</h4>
        <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setAddGrant(true)}>
          {t('staff.admin.newGrant')}
        </button>
      </div>
      <AsyncBoundary>
        <TeamGrants teamId={props.team.id} hubName={hubName} />
      </AsyncBoundary>
      <Show when={addMember()}>
        <FormDialog
          title={t('staff.admin.addMemberTo', { team: props.team.name })}
          intro={t('staff.admin.addMemberIntro')}
          idPrefix="member"
          specs={[
            { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
            { name: 'email', label: 'staff.admin.email', kind: 'email', required: true, maxLength: 200 },
          ]}
          initial={{ name: '', email: '' }}
          submitLabel={t('staff.admin.addMember')}
          onSubmit={(v) => staffApi.addMember(props.team.id, { name: str(v.name), email: str(v.email) })}
          onClose={() => setAddMember(false)}
          onDone={() => {
            setAddMember(false)
            toast.success(t('staff.admin.memberAdded'))
          }}
        />
      </Show>
      <Show when={addGrant()}>
        <FormDialog
          title={t('staff.admin.newGrantFor', { team: props.team.name })}
          idPrefix="grant"
          specs={grantSpecs(hubOptions)}
          initial={{ reference: props.team.callReference ?? '', hours: '', from: '', to: '', hubId: '', labType: '' }}
          submitLabel={t('staff.admin.create')}
          onSubmit={(v) => staffApi.createGrant(props.team.id, grantBody(v))}
          onClose={() => setAddGrant(false)}
          onDone={() => {
            setAddGrant(false)
            toast.success(t('staff.admin.created'))
          }}
        />
      </Show>
    </section>
  )
}

function Members(props: { teamId: string }) {
  const members = createAsync(() => getTeamMembers(props.teamId))
  return (
    <Show when={(members() ?? []).length > 0} fallback={<Empty>{t('staff.admin.noMembers')}</Empty>}>
      <ul>
        <For each={members()}>
          {(m) => (
            <li>
              {m.name} — {m.email}
            </li>
          )}
        </For>
      </ul>
    </Show>
  )
}

function GrantTable(props: {
  grants: (Grant & { teamName?: string })[]
  hubName: (id: string | null | undefined) => string
  withTeam?: boolean
}) {
  return (
    <TableBox label={t('staff.admin.grants')}>
      <table ref={cardTable} class="table table-sm">
        <caption class="visually-hidden">{t('staff.admin.grants')}</caption>
        <thead>
          <tr>
            <Show when={props.withTeam}>
              <th scope="col">{t('staff.common.team')}</th>
            </Show>
            <th scope="col">{t('staff.admin.grantReference')}</th>
            <th scope="col">{t('staff.admin.period')}</th>
            <th scope="col">{t('staff.admin.validFor')}</th>
            <th scope="col">{t('staff.admin.grantHours')}</th>
            <th scope="col">{t('staff.reports.bookedHours')}</th>
            <th scope="col">{t('staff.reports.usedHours')}</th>
            <th scope="col">{t('staff.reports.remaining')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.grants}>
            {(g) => (
              <tr>
                <Show when={props.withTeam}>
                  <td>{g.teamName ?? ''}</td>
                </Show>
                <td>{g.reference}</td>
                <td>
                  {formatDate(g.from)} – {formatDate(g.to)}
                </td>
                <td>
                  {props.hubName(g.hubId)}
                  {g.labType ? `, ${t(`labType.${g.labType}`)}` : ''}
                </td>
                <td>{formatNumber(g.hours)}</td>
                <td>{g.hoursBooked !== undefined ? formatNumber(g.hoursBooked) : ''}</td>
                <td>{g.hoursUsed !== undefined ? formatNumber(g.hoursUsed) : ''}</td>
                <td>{g.hoursRemaining !== undefined ? formatNumber(g.hoursRemaining) : ''}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableBox>
  )
}

function TeamGrants(props: { teamId: string; hubName: (id: string | null | undefined) => string }) {
  const grants = createAsync(() => getTeamGrants(props.teamId))
  return (
    <Show when={(grants() ?? []).length > 0} fallback={<Empty>{t('staff.admin.noGrants')}</Empty>}>
      <GrantTable grants={grants() ?? []} hubName={props.hubName} />
    </Show>
  )
}

/** Every grant of the call, by team; a new grant for any team. */
export function GrantsTab() {
  const hubs = createAsync(() => getHubs())
  const teams = createAsync(() => getTeamsLookup())
  const [teamFilter, setTeamFilter] = createSignal('')
  const hubOptions = () => byName(hubs())
  const teamOptions = () => byName(teams())
  const hubName = (id: string | null | undefined) => (id ? (hubs()?.find((h) => h.id === id)?.name ?? '') : t('staff.admin.anyHub'))
  const teamName = (id: string | undefined) => teams()?.find((x) => x.id === id)?.name
  return (
    <AdminRegister<Grant & { teamId?: string }>
      id="grants"
      title={t('staff.admin.grants')}
      intro={t('staff.admin.grantsIntro')}
      newLabel={t('staff.admin.newGrant')}
      toolbar={
        <div class="sc-toolbar">
          <SelectField
            id="grants-team"
            label={t('staff.common.team')}
            value={teamFilter()}
            empty={t('common.all')}
            options={teamOptions()}
            onChange={setTeamFilter}
          />
        </div>
      }
      path="/grants"
      query={{ teamId: teamFilter() || undefined }}
      empty={t('staff.admin.noGrants')}
      columns={[
        { header: 'staff.common.team', cell: (g) => teamName(g.teamId) ?? '', rowHeader: true },
        { header: 'staff.admin.grantReference', cell: (g) => g.reference },
        { header: 'staff.admin.period', cell: (g) => `${formatDate(g.from)} – ${formatDate(g.to)}` },
        { header: 'staff.admin.validFor', cell: (g) => `${hubName(g.hubId)}${g.labType ? `, ${t(`labType.${g.labType}`)}` : ''}` },
        { header: 'staff.admin.grantHours', cell: (g) => formatNumber(g.hours) },
        { header: 'staff.reports.remaining', cell: (g) => (g.hoursRemaining !== undefined ? formatNumber(g.hoursRemaining) : '') },
      ]}
      idPrefix="grant-any"
      specs={grantSpecs(hubOptions, teamOptions)}
      values={() => ({ teamId: teamFilter(), reference: '', hours: '', from: '', to: '', hubId: '', labType: '' })}
      create={(v) => staffApi.createGrant(str(v.teamId), grantBody(v))}
    />
  )
}

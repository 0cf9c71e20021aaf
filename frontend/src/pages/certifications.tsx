import { A, createAsync, useSearchParams } from '@solidjs/router'
import { createSignal, For, Show } from 'solid-js'
import { getEquipmentTypes } from '../api/catalogue.ts'
import {
  addCertificate,
  type Certificate,
  type CertificationKind,
  createKind,
  getExpiring,
  getKinds,
  getTeamCertificates,
  patchKind,
  removeCertificate,
} from '../api/certifications.ts'
import { getTeamsLookup } from '../api/staff.ts'
import { LAB_TYPES, type LabType } from '../api/types.ts'
import { DateField } from '../components/DateTimeInput.tsx'
import { CheckField, Field, OperationStatus, SelectField, StaffTable } from '../components/kit.tsx'
import { createOperation } from '../components/operation.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { createReloadable } from '../components/reloadable.ts'
import { AsyncBoundary, Empty, Loading } from '../components/States.tsx'
import { SubmitButton } from '../components/SubmitButton.tsx'
import { type TKey, t } from '../i18n/index.ts'
import { formatDate, today } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'

const STATUS_BADGE = { valid: 'bg-success', expiring: 'bg-warning text-dark', expired: 'bg-danger' } as const

function StatusBadge(props: { status: Certificate['status'] }) {
  return <span class={`badge ${STATUS_BADGE[props.status]}`}>{t(`certs.status.${props.status}`)}</span>
}

/**
 * /certifications: a team's members see their teams' certificates; staff see the certificates about to
 * lapse in their hubs (the teams whose bookings depend on them first) and, for a team chosen there
 * (`?team=`), its certificates with the form that records a new or renewed one.
 */
export default function CertificationsPage() {
  const session = useSession()
  const [params, setParams] = useSearchParams<{ team?: string }>()
  const role = () => session.user()?.role
  const staff = () => role() === 'admin' || role() === 'operator'
  return (
    <>
      <PageTitle lead={staff() ? t('certs.leadStaff') : t('certs.lead')}>{t('certs.title')}</PageTitle>
      <Show when={!session.user.loading} fallback={<Loading />}>
        <Show when={session.user()} fallback={<A href="/login?next=%2Fcertifications">{t('nav.login')}</A>}>
          <AsyncBoundary>
            <Show
              when={staff()}
              fallback={
                <Show when={(session.user()?.teams ?? []).length > 0} fallback={<Empty>{t('certs.noTeam')}</Empty>}>
                  <For each={session.user()?.teams}>{(team) => <TeamCertificates teamId={team.id} teamName={team.name} />}</For>
                </Show>
              }
            >
              <ExpiringList onChoose={(teamId) => setParams({ team: teamId })} />
              <Show when={params.team}>{(teamId) => <StaffTeamCertificates teamId={teamId()} />}</Show>
            </Show>
          </AsyncBoundary>
        </Show>
      </Show>
    </>
  )
}

/** The operator's (and the Comune's) list: certificates lapsing within the days chosen, in their hubs. */
function ExpiringList(props: { onChoose: (teamId: string) => void }) {
  const [days, setDays] = createSignal('60')
  const [expired, setExpired] = createSignal(false)
  const rows = createAsync(() => getExpiring(Number(days()), expired()))
  return (
    <section class="mb-4" aria-labelledby="expiring-title">
      <h2 class="h4" id="expiring-title">
        {t('certs.expiringTitle')}
      </h2>
      <div class="sc-toolbar d-flex flex-wrap gap-3 align-items-end">
        <SelectField
          id="x-days"
          label={t('certs.within')}
          value={days()}
          options={['30', '60', '90', '180'].map((d) => ({ value: d, label: t('certs.days', { n: d }) }))}
          onChange={setDays}
        />
        <CheckField id="x-expired" label={t('certs.includeExpired')} checked={expired()} onChange={setExpired} />
      </div>
      <Show when={rows()} fallback={<Loading />}>
        <Show when={(rows() ?? []).length > 0} fallback={<Empty>{t('certs.noneExpiring')}</Empty>}>
          <StaffTable
            caption={t('certs.expiringTitle')}
            columns={[
              'certs.team',
              'certs.kind',
              'certs.person',
              'certs.expiresOn',
              'certs.statusLabel',
              'certs.upcoming',
              'certs.renewedLabel',
            ]}
          >
            <For each={rows()}>
              {(c) => (
                <tr>
                  <td>
                    <button type="button" class="btn btn-link p-0" onClick={() => props.onChoose(c.teamId)}>
                      {c.teamName}
                    </button>
                  </td>
                  <td>{c.kindName}</td>
                  <td>{c.personName}</td>
                  <td>{c.expiresOn ? formatDate(c.expiresOn) : '—'}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <td>{c.upcomingBookings}</td>
                  <td>{c.renewed ? t('certs.yes') : t('certs.no')}</td>
                </tr>
              )}
            </For>
          </StaffTable>
        </Show>
      </Show>
    </section>
  )
}

function StaffTeamCertificates(props: { teamId: string }) {
  const teams = createAsync(() => getTeamsLookup())
  const name = () => (teams() ?? []).find((tm) => tm.id === props.teamId)?.name ?? ''
  return <TeamCertificates teamId={props.teamId} teamName={name()} editable />
}

/** One team's certificates; staff may record one (new or renewed) and remove one recorded by mistake. */
function TeamCertificates(props: { teamId: string; teamName: string; editable?: boolean }) {
  // read again after a change in place (components/reloadable.ts): the list and the form stay on the page
  const list = createReloadable(() => props.teamId, getTeamCertificates)
  const reload = () => list.reload()
  const remover = createOperation()
  const heading = () => `team-certs-${props.teamId.slice(0, 8)}`
  // an operator may not read every team's name: the certificates carry it
  const teamName = () => props.teamName || list()?.[0]?.teamName || t('certs.team')
  return (
    <section class="mb-4" aria-labelledby={heading()}>
      <h2 class="h4" id={heading()}>
        {t('certs.teamTitle', { name: teamName() })}
      </h2>
      <Show when={list()} fallback={<Loading />}>
        <Show when={(list() ?? []).length > 0} fallback={<Empty>{t('certs.noneHeld')}</Empty>}>
          <StaffTable
            caption={t('certs.teamTitle', { name: teamName() })}
            columns={
              props.editable
                ? ['certs.kind', 'certs.person', 'certs.obtainedOn', 'certs.expiresOn', 'certs.statusLabel', 'certs.action']
                : ['certs.kind', 'certs.person', 'certs.obtainedOn', 'certs.expiresOn', 'certs.statusLabel']
            }
          >
            <For each={list()}>
              {(c) => (
                <tr>
                  <td>{c.kindName}</td>
                  <td>{c.personName}</td>
                  <td>{formatDate(c.obtainedOn)}</td>
                  <td>{c.expiresOn ? formatDate(c.expiresOn) : t('certs.noExpiry')}</td>
                  <td>
                    <StatusBadge status={c.status} />
                  </td>
                  <Show when={props.editable}>
                    <td>
                      <button
                        type="button"
                        class="btn btn-outline-danger btn-sm"
                        aria-label={t('certs.removeNamed', { kind: c.kindName, person: c.personName })}
                        onClick={() =>
                          remover.run(async () => {
                            await removeCertificate(c.id)
                            await reload()
                          }, t('certs.removed'))
                        }
                      >
                        {t('certs.remove')}
                      </button>
                    </td>
                  </Show>
                </tr>
              )}
            </For>
          </StaffTable>
        </Show>
      </Show>
      <OperationStatus op={remover} />
      <Show when={props.editable}>
        <CertificateForm teamId={props.teamId} onSaved={reload} />
      </Show>
    </section>
  )
}

function CertificateForm(props: { teamId: string; onSaved: () => Promise<void> }) {
  const kinds = createAsync(() => getKinds())
  const [kindId, setKindId] = createSignal('')
  const [person, setPerson] = createSignal('')
  const [obtained, setObtained] = createSignal(today())
  const [expires, setExpires] = createSignal('')
  const op = createOperation()
  const kind = () => (kinds() ?? []).find((k) => k.id === kindId())
  async function save(e: SubmitEvent) {
    e.preventDefault()
    await op.run(async () => {
      await addCertificate(props.teamId, {
        kindId: kindId(),
        personName: person(),
        obtainedOn: obtained(),
        ...(expires() ? { expiresOn: expires() } : {}),
      })
      setPerson('')
      setExpires('')
      await props.onSaved()
    }, t('certs.added'))
  }
  return (
    <form class="card mt-3" onSubmit={save} aria-labelledby="cert-form-title">
      <div class="card-body">
        <h3 class="h6" id="cert-form-title">
          {t('certs.addTitle')}
        </h3>
        <div class="row g-2 align-items-end">
          <SelectField
            class="col-12 col-md-3"
            id="cert-kind"
            required
            label={t('certs.kind')}
            empty={t('certs.chooseKind')}
            value={kindId()}
            options={(kinds() ?? []).map((k) => ({ value: k.id, label: k.name }))}
            onChange={setKindId}
          />
          <Field
            class="col-12 col-md-3"
            id="cert-person"
            required
            maxLength={200}
            label={t('certs.person')}
            value={person()}
            onInput={setPerson}
          />
          <DateField
            class="col-12 col-sm-6 col-md-3"
            id="cert-obtained"
            required
            label={t('certs.obtainedOn')}
            value={obtained()}
            onValue={setObtained}
          />
          <DateField
            class="col-12 col-sm-6 col-md-3"
            id="cert-expires"
            label={t('certs.expiresOn')}
            help={
              kind()?.validityMonths
                ? t('certs.defaultValidity', { months: kind()!.validityMonths! })
                : kind()
                  ? t('certs.noDefaultValidity')
                  : undefined
            }
            value={expires()}
            onValue={setExpires}
          />
        </div>
        <OperationStatus
          op={op}
          fields={{
            kindId: t('certs.kind'),
            personName: t('certs.person'),
            obtainedOn: t('certs.obtainedOn'),
            expiresOn: t('certs.expiresOn'),
          }}
        />
        <SubmitButton class="btn btn-primary mt-2" pending={op.pending()} label={t('certs.add')} />
      </div>
    </form>
  )
}

/** /admin?tab=certification-kinds: the kinds the Comune configures, what each enables, its default validity. */
export function CertificationKindsTab() {
  const kinds = createReloadable(() => true, getKinds)
  const types = createAsync(() => getEquipmentTypes())
  const [editing, setEditing] = createSignal<CertificationKind | null>(null)
  const labTypeNames = (k: CertificationKind) => k.enables.labTypes.map((l) => t(`labType.${l}` as TKey))
  const typeNames = (k: CertificationKind) =>
    k.enables.equipmentTypeIds.map((id) => (types() ?? []).find((tp) => tp.id === id)?.name ?? id.slice(0, 8))
  return (
    <>
      <Show when={(kinds() ?? []).length > 0} fallback={<Empty>{t('certs.kinds.none')}</Empty>}>
        <StaffTable
          caption={t('certs.kinds.title')}
          columns={['certs.kinds.name', 'certs.kinds.enables', 'certs.kinds.validity', 'certs.action']}
        >
          <For each={kinds()}>
            {(k) => (
              <tr>
                <td>{k.name}</td>
                <td>{[...labTypeNames(k), ...typeNames(k)].join(', ') || '—'}</td>
                <td>{k.validityMonths ? t('certs.kinds.months', { n: k.validityMonths }) : t('certs.noExpiry')}</td>
                <td>
                  <button
                    type="button"
                    class="btn btn-outline-primary btn-sm"
                    aria-label={t('certs.kinds.editNamed', { name: k.name })}
                    onClick={() => setEditing(k)}
                  >
                    {t('certs.kinds.edit')}
                  </button>
                </td>
              </tr>
            )}
          </For>
        </StaffTable>
      </Show>
      {/* keyed: the form starts again from the kind chosen */}
      <Show when={editing() ?? 'new'} keyed>
        {(k) => (
          <KindForm
            kind={typeof k === 'string' ? undefined : k}
            equipmentTypes={(types() ?? []).map((tp) => ({ value: tp.id, label: tp.name }))}
            onDone={() => {
              setEditing(null)
              return kinds.reload()
            }}
          />
        )}
      </Show>
    </>
  )
}

function KindForm(props: {
  kind?: CertificationKind
  equipmentTypes: Array<{ value: string; label: string }>
  onDone: () => void | Promise<void>
}) {
  const [name, setName] = createSignal(props.kind?.name ?? '')
  const [labTypes, setLabTypes] = createSignal<LabType[]>(props.kind?.enables.labTypes ?? [])
  const [typeIds, setTypeIds] = createSignal<string[]>(props.kind?.enables.equipmentTypeIds ?? [])
  const [months, setMonths] = createSignal(props.kind?.validityMonths ? String(props.kind.validityMonths) : '')
  const op = createOperation()
  const toggle = <T,>(list: T[], v: T, on: boolean) => (on ? [...list, v] : list.filter((x) => x !== v))
  async function save(e: SubmitEvent) {
    e.preventDefault()
    const body = {
      name: name(),
      enables: { labTypes: labTypes(), equipmentTypeIds: typeIds() },
      validityMonths: months() ? Number(months()) : null,
    }
    await op.run(async () => {
      if (props.kind) await patchKind(props.kind.id, body)
      else await createKind(body)
      await props.onDone()
    }, t('certs.kinds.saved'))
  }
  return (
    <form class="card mt-3" onSubmit={save} aria-labelledby="kind-form-title">
      <div class="card-body">
        <h3 class="h5" id="kind-form-title">
          {props.kind ? t('certs.kinds.editTitle', { name: props.kind.name }) : t('certs.kinds.newTitle')}
        </h3>
        <div class="row g-2">
          <Field
            class="col-12 col-md-8"
            id="kind-name"
            required
            maxLength={200}
            label={t('certs.kinds.name')}
            value={name()}
            onInput={setName}
          />
          <Field
            class="col-12 col-md-4"
            id="kind-months"
            type="number"
            min="1"
            max="600"
            label={t('certs.kinds.validityField')}
            help={t('certs.kinds.validityHelp')}
            value={months()}
            onInput={setMonths}
          />
        </div>
        <fieldset class="mt-3">
          <legend class="h6">{t('certs.kinds.labTypes')}</legend>
          <div class="sc-choices">
            <For each={LAB_TYPES}>
              {(l) => (
                <CheckField
                  id={`kind-lab-${l}`}
                  label={t(`labType.${l}` as TKey)}
                  checked={labTypes().includes(l)}
                  onChange={(on) => setLabTypes(toggle(labTypes(), l, on))}
                />
              )}
            </For>
          </div>
        </fieldset>
        <Show when={props.equipmentTypes.length > 0}>
          <fieldset class="mt-3">
            <legend class="h6">{t('certs.kinds.equipmentTypes')}</legend>
            <div class="sc-choices">
              <For each={props.equipmentTypes}>
                {(tp) => (
                  <CheckField
                    id={`kind-type-${tp.value}`}
                    label={tp.label}
                    checked={typeIds().includes(tp.value)}
                    onChange={(on) => setTypeIds(toggle(typeIds(), tp.value, on))}
                  />
                )}
              </For>
            </div>
          </fieldset>
        </Show>
        <OperationStatus op={op} fields={{ name: t('certs.kinds.name'), validityMonths: t('certs.kinds.validityField') }} />
        <div class="d-flex gap-2 mt-2">
          <SubmitButton pending={op.pending()} label={props.kind ? t('certs.kinds.save') : t('certs.kinds.create')} />
          <Show when={props.kind}>
            <button type="button" class="btn btn-outline-secondary" onClick={props.onDone}>
              {t('certs.kinds.cancel')}
            </button>
          </Show>
        </div>
      </div>
    </form>
  )
}

import { createAsync } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { getAreas, getHubs } from '../../api/catalogue.ts'
import { staffApi } from '../../api/staff.ts'
import { type Area, type Hub, LAB_TYPES, type Lab } from '../../api/types.ts'
import { t } from '../../i18n/index.ts'
import { SelectField } from '../operator/kit.tsx'
import { AdminSection, bool, EntityTable, type FieldSpec, FormDialog, num, opt, str, type Values } from './entity.tsx'

const municipi = () => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: t('catalogue.municipio', { n }) }))

export function AreasTab() {
  const [open, setOpen] = createSignal(false)
  const [done, setDone] = createSignal<string>()
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    { name: 'nilId', label: 'staff.admin.nilId', kind: 'number', min: 1, step: 1, help: 'staff.admin.nilIdHelp' },
    { name: 'municipio', label: 'staff.admin.municipio', kind: 'select', required: true, options: municipi },
    { name: 'isTarget', label: 'staff.admin.isTarget', kind: 'checkbox', help: 'staff.admin.isTargetHelp' },
  ]
  return (
    <AdminSection
      id="areas"
      title={t('staff.admin.areas')}
      intro={t('staff.admin.areasIntro')}
      newLabel={t('staff.admin.newArea')}
      onNew={() => setOpen(true)}
      done={done()}
    >
      <EntityTable<Area>
        path="/areas"
        caption={t('staff.admin.areas')}
        empty={t('staff.admin.emptyList')}
        pageSize={50}
        columns={[
          { header: 'staff.admin.name', cell: (a) => a.name, rowHeader: true },
          { header: 'staff.admin.nilId', cell: (a) => a.nilId ?? '' },
          { header: 'staff.admin.municipio', cell: (a) => a.municipio },
          {
            header: 'staff.admin.isTarget',
            cell: (a) => (a.isTarget ? <span class="sc-badge warn">{t('common.yes')}</span> : t('common.no')),
          },
        ]}
      />
      <Show when={open()}>
        <FormDialog
          title={t('staff.admin.newArea')}
          idPrefix="area"
          specs={specs}
          initial={{ name: '', nilId: '', municipio: '1', isTarget: false }}
          submitLabel={t('staff.admin.create')}
          onSubmit={(v) =>
            staffApi.createArea({
              name: str(v.name),
              nilId: str(v.nilId) ? num(v.nilId) : null,
              municipio: num(v.municipio),
              isTarget: bool(v.isTarget),
            })
          }
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false)
            setDone(t('staff.admin.created'))
          }}
        />
      </Show>
    </AdminSection>
  )
}

export function HubsTab() {
  const areas = createAsync(() => getAreas())
  const [form, setForm] = createSignal<{ row?: Hub }>()
  const [done, setDone] = createSignal<string>()
  const areaName = (id: string) => areas()?.find((a) => a.id === id)?.name ?? ''
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    {
      name: 'kind',
      label: 'staff.admin.hubKind',
      kind: 'select',
      required: true,
      options: () => [
        { value: 'cfl', label: t('hubKind.cfl') },
        { value: 'community_hub', label: t('hubKind.community_hub') },
      ],
    },
    { name: 'address', label: 'staff.admin.address', kind: 'text', required: true, maxLength: 300 },
    {
      name: 'areaId',
      label: 'staff.admin.area',
      kind: 'select',
      required: true,
      empty: 'staff.admin.choose',
      options: () =>
        (areas() ?? [])
          .slice()
          .sort((a, b) => a.name.localeCompare(b.name))
          .map((a) => ({ value: a.id, label: a.name })),
    },
    { name: 'timezone', label: 'staff.admin.timezone', kind: 'text', maxLength: 64, help: 'staff.admin.timezoneHelp' },
    { name: 'phone', label: 'staff.admin.phone', kind: 'text', maxLength: 30 },
    { name: 'email', label: 'staff.admin.email', kind: 'email', maxLength: 200 },
    { name: 'description', label: 'staff.admin.description', kind: 'textarea', maxLength: 4000 },
  ]
  const values = (h?: Hub): Values => ({
    name: h?.name ?? '',
    kind: h?.kind ?? 'community_hub',
    address: h?.address ?? '',
    areaId: h?.areaId ?? '',
    timezone: h?.timezone ?? 'Europe/Rome',
    phone: h?.phone ?? '',
    email: h?.email ?? '',
    description: h?.description ?? '',
  })
  const body = (v: Values) => ({
    name: str(v.name),
    kind: str(v.kind) as Hub['kind'],
    address: str(v.address),
    areaId: str(v.areaId),
    timezone: str(v.timezone) || 'Europe/Rome',
    phone: opt(v.phone) ?? null,
    email: opt(v.email) ?? null,
    description: opt(v.description) ?? null,
  })
  return (
    <AdminSection id="hubs" title={t('staff.admin.hubs')} newLabel={t('staff.admin.newHub')} onNew={() => setForm({})} done={done()}>
      <EntityTable<Hub>
        path="/hubs"
        caption={t('staff.admin.hubs')}
        empty={t('staff.admin.emptyList')}
        columns={[
          { header: 'staff.admin.name', cell: (h) => h.name, rowHeader: true },
          { header: 'staff.admin.hubKind', cell: (h) => t(`hubKind.${h.kind}`) },
          { header: 'staff.admin.area', cell: (h) => h.area?.name ?? areaName(h.areaId) },
          { header: 'staff.admin.address', cell: (h) => h.address },
        ]}
        actions={(h) => (
          <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setForm({ row: h })}>
            {t('staff.admin.edit')}
            <span class="visually-hidden"> {h.name}</span>
          </button>
        )}
      />
      <Show when={form()} keyed>
        {(f) => (
          <FormDialog
            title={f.row ? t('staff.admin.editNamed', { name: f.row.name }) : t('staff.admin.newHub')}
            idPrefix="hub"
            specs={specs}
            initial={values(f.row)}
            editing={Boolean(f.row)}
            submitLabel={f.row ? t('common.save') : t('staff.admin.create')}
            onSubmit={(v) => (f.row ? staffApi.updateHub(f.row.id, body(v)) : staffApi.createHub(body(v)))}
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

export function LabsTab() {
  const hubs = createAsync(() => getHubs())
  const [hubFilter, setHubFilter] = createSignal('')
  const [form, setForm] = createSignal<{ row?: Lab }>()
  const [done, setDone] = createSignal<string>()
  const hubName = (id: string) => hubs()?.find((h) => h.id === id)?.name ?? ''
  const hubOptions = () =>
    (hubs() ?? [])
      .slice()
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((h) => ({ value: h.id, label: h.name }))
  const specs: FieldSpec[] = [
    {
      name: 'hubId',
      label: 'staff.common.hub',
      kind: 'select',
      required: true,
      empty: 'staff.admin.choose',
      options: hubOptions,
      createOnly: true,
    },
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    {
      name: 'type',
      label: 'staff.admin.labType',
      kind: 'select',
      required: true,
      options: () => LAB_TYPES.map((x) => ({ value: x, label: t(`labType.${x}`) })),
    },
    { name: 'capacity', label: 'staff.admin.capacity', kind: 'number', required: true, min: 1, max: 10000, step: 1 },
    { name: 'approvalRequired', label: 'staff.admin.approvalRequired', kind: 'checkbox', help: 'staff.admin.approvalRequiredHelp' },
    { name: 'requiresGrant', label: 'staff.admin.requiresGrant', kind: 'checkbox', help: 'staff.admin.requiresGrantHelp' },
    { name: 'minDurationMinutes', label: 'staff.admin.minDuration', kind: 'number', required: true, min: 15, max: 1440, step: 15 },
    { name: 'maxDurationMinutes', label: 'staff.admin.maxDuration', kind: 'number', required: true, min: 15, max: 1440, step: 15 },
    { name: 'description', label: 'staff.admin.description', kind: 'textarea', maxLength: 4000 },
  ]
  const values = (l?: Lab): Values => ({
    hubId: l?.hubId ?? hubFilter(),
    name: l?.name ?? '',
    type: l?.type ?? 'multipurpose',
    capacity: String(l?.capacity ?? 20),
    approvalRequired: l?.approvalRequired ?? false,
    requiresGrant: l?.requiresGrant ?? false,
    minDurationMinutes: String(l?.minDurationMinutes ?? 30),
    maxDurationMinutes: String(l?.maxDurationMinutes ?? 480),
    description: l?.description ?? '',
  })
  const body = (v: Values) => ({
    name: str(v.name),
    type: str(v.type) as Lab['type'],
    capacity: num(v.capacity),
    approvalRequired: bool(v.approvalRequired),
    requiresGrant: bool(v.requiresGrant),
    minDurationMinutes: num(v.minDurationMinutes),
    maxDurationMinutes: num(v.maxDurationMinutes),
    description: opt(v.description) ?? null,
  })
  return (
    <AdminSection id="labs" title={t('staff.admin.labs')} newLabel={t('staff.admin.newLab')} onNew={() => setForm({})} done={done()}>
      <div class="sc-toolbar">
        <SelectField
          id="labs-hub"
          label={t('staff.common.hub')}
          value={hubFilter()}
          empty={t('common.all')}
          options={hubOptions()}
          onChange={setHubFilter}
        />
      </div>
      <EntityTable<Lab>
        path="/labs"
        query={{ hubId: hubFilter() || undefined }}
        caption={t('staff.admin.labs')}
        empty={t('staff.admin.emptyList')}
        columns={[
          { header: 'staff.admin.name', cell: (l) => l.name, rowHeader: true },
          { header: 'staff.common.hub', cell: (l) => l.hub?.name ?? hubName(l.hubId) },
          { header: 'staff.admin.labType', cell: (l) => t(`labType.${l.type}`) },
          { header: 'staff.admin.capacity', cell: (l) => l.capacity },
          { header: 'staff.admin.approvalRequired', cell: (l) => (l.approvalRequired ? t('common.yes') : t('common.no')) },
          { header: 'staff.admin.requiresGrant', cell: (l) => (l.requiresGrant ? t('common.yes') : t('common.no')) },
        ]}
        actions={(l) => (
          <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setForm({ row: l })}>
            {t('staff.admin.edit')}
            <span class="visually-hidden"> {l.name}</span>
          </button>
        )}
      />
      <Show when={form()} keyed>
        {(f) => (
          <FormDialog
            title={f.row ? t('staff.admin.editNamed', { name: f.row.name }) : t('staff.admin.newLab')}
            idPrefix="lab"
            specs={specs}
            initial={values(f.row)}
            editing={Boolean(f.row)}
            submitLabel={f.row ? t('common.save') : t('staff.admin.create')}
            onSubmit={(v) => (f.row ? staffApi.updateLab(f.row.id, body(v)) : staffApi.createLab({ hubId: str(v.hubId), ...body(v) }))}
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

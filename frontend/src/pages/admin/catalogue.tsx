import { createAsync } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { getAreas, getHubs } from '../../api/catalogue.ts'
import { staffApi } from '../../api/staff.ts'
import { type Area, type Hub, LAB_TYPES, type Lab } from '../../api/types.ts'
import { SelectField } from '../../components/kit.tsx'
import { t } from '../../i18n/index.ts'
import { AdminRegister, bool, byName, type FieldSpec, num, opt, str, type Values } from './entity.tsx'

const municipi = () => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => ({ value: String(n), label: t('catalogue.municipio', { n }) }))

export function AreasTab() {
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    { name: 'nilId', label: 'staff.admin.nilId', kind: 'number', min: 1, step: 1, help: 'staff.admin.nilIdHelp' },
    { name: 'municipio', label: 'staff.admin.municipio', kind: 'select', required: true, options: municipi },
    { name: 'isTarget', label: 'staff.admin.isTarget', kind: 'checkbox', help: 'staff.admin.isTargetHelp' },
  ]
  return (
    <AdminRegister<Area>
      id="areas"
      title={t('staff.admin.areas')}
      intro={t('staff.admin.areasIntro')}
      newLabel={t('staff.admin.newArea')}
      path="/areas"
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
      idPrefix="area"
      specs={specs}
      values={() => ({ name: '', nilId: '', municipio: '1', isTarget: false })}
      create={(v) =>
        staffApi.createArea({
          name: str(v.name),
          nilId: str(v.nilId) ? num(v.nilId) : null,
          municipio: num(v.municipio),
          isTarget: bool(v.isTarget),
        })
      }
    />
  )
}

export function HubsTab() {
  const areas = createAsync(() => getAreas())
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
      options: () => byName(areas()),
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
    <AdminRegister<Hub>
      id="hubs"
      title={t('staff.admin.hubs')}
      newLabel={t('staff.admin.newHub')}
      path="/hubs"
      columns={[
        { header: 'staff.admin.name', cell: (h) => h.name, rowHeader: true },
        { header: 'staff.admin.hubKind', cell: (h) => t(`hubKind.${h.kind}`) },
        { header: 'staff.admin.area', cell: (h) => h.area?.name ?? areaName(h.areaId) },
        { header: 'staff.admin.address', cell: (h) => h.address },
      ]}
      rowName={(h) => h.name}
      idPrefix="hub"
      specs={specs}
      values={values}
      create={(v) => staffApi.createHub(body(v))}
      update={(h, v) => staffApi.updateHub(h.id, body(v))}
    />
  )
}

export function LabsTab() {
  const hubs = createAsync(() => getHubs())
  const [hubFilter, setHubFilter] = createSignal('')
  const hubName = (id: string) => hubs()?.find((h) => h.id === id)?.name ?? ''
  const hubOptions = () => byName(hubs())
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
    { name: 'checkInRequired', label: 'checkin.labRequired', kind: 'checkbox', help: 'checkin.labRequiredHelp' },
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
    checkInRequired: l?.checkInRequired ?? false,
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
    checkInRequired: bool(v.checkInRequired),
    minDurationMinutes: num(v.minDurationMinutes),
    maxDurationMinutes: num(v.maxDurationMinutes),
    description: opt(v.description) ?? null,
  })
  return (
    <AdminRegister<Lab>
      id="labs"
      title={t('staff.admin.labs')}
      newLabel={t('staff.admin.newLab')}
      toolbar={
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
      }
      path="/labs"
      query={{ hubId: hubFilter() || undefined }}
      columns={[
        { header: 'staff.admin.name', cell: (l) => l.name, rowHeader: true },
        { header: 'staff.common.hub', cell: (l) => l.hub?.name ?? hubName(l.hubId) },
        { header: 'staff.admin.labType', cell: (l) => t(`labType.${l.type}`) },
        { header: 'staff.admin.capacity', cell: (l) => l.capacity },
        { header: 'staff.admin.approvalRequired', cell: (l) => (l.approvalRequired ? t('common.yes') : t('common.no')) },
        { header: 'staff.admin.requiresGrant', cell: (l) => (l.requiresGrant ? t('common.yes') : t('common.no')) },
        {
          header: 'checkin.labRequired',
          cell: (l) => (
            <>
              {l.checkInRequired ? t('common.yes') : t('common.no')}{' '}
              <a href={`/labs/${encodeURIComponent(l.id)}/check-in-poster`}>
                {t('checkin.poster.open')}
                <span class="visually-hidden"> {l.name}</span>
              </a>
            </>
          ),
        },
      ]}
      rowName={(l) => l.name}
      idPrefix="lab"
      specs={specs}
      values={values}
      create={(v) => staffApi.createLab({ hubId: str(v.hubId), ...body(v) })}
      update={(l, v) => staffApi.updateLab(l.id, body(v))}
    />
  )
}

import { createAsync } from '@solidjs/router'
import { createSignal } from 'solid-js'
import { getLabs } from '../../api/catalogue.ts'
import { ASSET_CONDITIONS, type AssetCondition, getEquipmentTypesList, staffApi } from '../../api/staff.ts'
import type { EquipmentAsset, EquipmentType } from '../../api/types.ts'
import { SelectField } from '../../components/kit.tsx'
import { t } from '../../i18n/index.ts'
import { AdminRegister, bool, type FieldSpec, opt, str, type Values } from './entity.tsx'

export function EquipmentTypesTab() {
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    { name: 'category', label: 'staff.admin.category', kind: 'text', required: true, maxLength: 100, help: 'staff.admin.categoryHelp' },
    { name: 'requiresTraining', label: 'staff.admin.requiresTraining', kind: 'checkbox', help: 'staff.admin.requiresTrainingHelp' },
  ]
  return (
    <AdminRegister<EquipmentType>
      id="equipment-types"
      title={t('staff.admin.equipmentTypes')}
      newLabel={t('staff.admin.newEquipmentType')}
      path="/equipment-types"
      pageSize={50}
      columns={[
        { header: 'staff.admin.name', cell: (x) => x.name, rowHeader: true },
        { header: 'staff.admin.category', cell: (x) => x.category },
        { header: 'staff.admin.requiresTraining', cell: (x) => (x.requiresTraining ? t('common.yes') : t('common.no')) },
      ]}
      idPrefix="etype"
      specs={specs}
      values={() => ({ name: '', category: '', requiresTraining: false })}
      create={(v) =>
        staffApi.createEquipmentType({ name: str(v.name), category: str(v.category), requiresTraining: bool(v.requiresTraining) })
      }
    />
  )
}

const STATUSES = ['active', 'maintenance', 'retired'] as const

/** Physical assets: asset tag, type, lab, state; a new asset, or a change of its state. */
export function AssetsTab() {
  const labs = createAsync(() => getLabs())
  const types = createAsync(() => getEquipmentTypesList())
  const [labFilter, setLabFilter] = createSignal('')
  const labOptions = () =>
    (labs() ?? [])
      .slice()
      .sort((a, b) => (a.hub?.name ?? '').localeCompare(b.hub?.name ?? '') || a.name.localeCompare(b.name))
      .map((l) => ({ value: l.id, label: l.hub?.name ? `${l.hub.name} — ${l.name}` : l.name }))
  const labName = (id: string) => labOptions().find((o) => o.value === id)?.label ?? ''
  const typeName = (id: string) => types()?.find((x) => x.id === id)?.name ?? ''
  const specs: FieldSpec[] = [
    {
      name: 'typeId',
      label: 'staff.equipment.type',
      kind: 'select',
      required: true,
      createOnly: true,
      empty: 'staff.admin.choose',
      options: () => (types() ?? []).map((x) => ({ value: x.id, label: x.name })),
    },
    { name: 'labId', label: 'staff.common.lab', kind: 'select', required: true, empty: 'staff.admin.choose', options: labOptions },
    {
      name: 'assetTag',
      label: 'staff.equipment.tag',
      kind: 'text',
      required: true,
      maxLength: 64,
      createOnly: true,
      help: 'staff.admin.assetTagHelp',
    },
    { name: 'serialNumber', label: 'staff.admin.serialNumber', kind: 'text', maxLength: 100 },
    {
      name: 'status',
      label: 'common.status',
      kind: 'select',
      required: true,
      options: () => STATUSES.map((s) => ({ value: s, label: t(`staff.equipment.status.${s}`) })),
    },
    {
      name: 'condition',
      label: 'staff.equipment.condition',
      kind: 'select',
      required: true,
      options: () => ASSET_CONDITIONS.map((c) => ({ value: c, label: t(`staff.equipment.conditions.${c}`) })),
    },
    { name: 'notes', label: 'staff.equipment.notes', kind: 'textarea', maxLength: 2000 },
  ]
  const values = (a?: EquipmentAsset): Values => ({
    typeId: a?.typeId ?? '',
    labId: a?.labId ?? labFilter(),
    assetTag: a?.assetTag ?? '',
    serialNumber: a?.serialNumber ?? '',
    status: a?.status ?? 'active',
    condition: a?.condition ?? 'good',
    notes: a?.notes ?? '',
  })
  const common = (v: Values) => ({
    labId: str(v.labId),
    serialNumber: opt(v.serialNumber) ?? null,
    status: str(v.status) as EquipmentAsset['status'],
    condition: str(v.condition) as AssetCondition,
    notes: opt(v.notes) ?? null,
  })
  return (
    <AdminRegister<EquipmentAsset>
      id="assets"
      title={t('staff.admin.assets')}
      newLabel={t('staff.admin.newAsset')}
      toolbar={
        <div class="sc-toolbar">
          <SelectField
            id="assets-lab"
            label={t('staff.common.lab')}
            value={labFilter()}
            empty={t('common.all')}
            options={labOptions()}
            onChange={setLabFilter}
          />
        </div>
      }
      path="/equipment"
      query={{ labId: labFilter() || undefined }}
      columns={[
        { header: 'staff.equipment.tag', cell: (a) => a.assetTag, rowHeader: true },
        { header: 'staff.equipment.type', cell: (a) => typeName(a.typeId) },
        { header: 'staff.common.lab', cell: (a) => labName(a.labId) },
        { header: 'common.status', cell: (a) => t(`staff.equipment.status.${a.status}`) },
        {
          header: 'staff.equipment.condition',
          cell: (a) => t(`staff.equipment.conditions.${a.condition as AssetCondition}`) || a.condition,
        },
      ]}
      rowName={(a) => a.assetTag}
      idPrefix="asset"
      specs={specs}
      values={values}
      create={(v) => staffApi.createAsset({ typeId: str(v.typeId), assetTag: str(v.assetTag), ...common(v) })}
      update={(a, v) => staffApi.updateAsset(a.id, common(v))}
    />
  )
}

import { createAsync } from '@solidjs/router'
import { createSignal, Show } from 'solid-js'
import { getLabs } from '../../api/catalogue.ts'
import { ASSET_CONDITIONS, type AssetCondition, getEquipmentTypesList, staffApi } from '../../api/staff.ts'
import type { EquipmentAsset, EquipmentType } from '../../api/types.ts'
import { t } from '../../i18n/index.ts'
import { SelectField } from '../operator/kit.tsx'
import { AdminSection, bool, EntityTable, type FieldSpec, FormDialog, opt, str, type Values } from './entity.tsx'

export function EquipmentTypesTab() {
  const [open, setOpen] = createSignal(false)
  const [done, setDone] = createSignal<string>()
  const specs: FieldSpec[] = [
    { name: 'name', label: 'staff.admin.name', kind: 'text', required: true, maxLength: 200 },
    { name: 'category', label: 'staff.admin.category', kind: 'text', required: true, maxLength: 100, help: 'staff.admin.categoryHelp' },
    { name: 'requiresTraining', label: 'staff.admin.requiresTraining', kind: 'checkbox', help: 'staff.admin.requiresTrainingHelp' },
  ]
  return (
    <AdminSection
      id="equipment-types"
      title={t('staff.admin.equipmentTypes')}
      newLabel={t('staff.admin.newEquipmentType')}
      onNew={() => setOpen(true)}
      done={done()}
    >
      <EntityTable<EquipmentType>
        path="/equipment-types"
        caption={t('staff.admin.equipmentTypes')}
        empty={t('staff.admin.emptyList')}
        pageSize={50}
        columns={[
          { header: 'staff.admin.name', cell: (x) => x.name, rowHeader: true },
          { header: 'staff.admin.category', cell: (x) => x.category },
          { header: 'staff.admin.requiresTraining', cell: (x) => (x.requiresTraining ? t('common.yes') : t('common.no')) },
        ]}
      />
      <Show when={open()}>
        <FormDialog
          title={t('staff.admin.newEquipmentType')}
          idPrefix="etype"
          specs={specs}
          initial={{ name: '', category: '', requiresTraining: false }}
          submitLabel={t('staff.admin.create')}
          onSubmit={(v) =>
            staffApi.createEquipmentType({ name: str(v.name), category: str(v.category), requiresTraining: bool(v.requiresTraining) })
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

const STATUSES = ['active', 'maintenance', 'retired'] as const

/** Physical assets: asset tag, type, lab, state; a new asset, or a change of its state. */
export function AssetsTab() {
  const labs = createAsync(() => getLabs())
  const types = createAsync(() => getEquipmentTypesList())
  const [labFilter, setLabFilter] = createSignal('')
  const [form, setForm] = createSignal<{ row?: EquipmentAsset }>()
  const [done, setDone] = createSignal<string>()
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
    <AdminSection id="assets" title={t('staff.admin.assets')} newLabel={t('staff.admin.newAsset')} onNew={() => setForm({})} done={done()}>
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
      <EntityTable<EquipmentAsset>
        path="/equipment"
        query={{ labId: labFilter() || undefined }}
        caption={t('staff.admin.assets')}
        empty={t('staff.admin.emptyList')}
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
        actions={(a) => (
          <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setForm({ row: a })}>
            {t('staff.admin.edit')}
            <span class="visually-hidden"> {a.assetTag}</span>
          </button>
        )}
      />
      <Show when={form()} keyed>
        {(f) => (
          <FormDialog
            title={f.row ? t('staff.admin.editNamed', { name: f.row.assetTag }) : t('staff.admin.newAsset')}
            idPrefix="asset"
            specs={specs}
            initial={values(f.row)}
            editing={Boolean(f.row)}
            submitLabel={f.row ? t('common.save') : t('staff.admin.create')}
            onSubmit={(v) =>
              f.row
                ? staffApi.updateAsset(f.row.id, common(v))
                : staffApi.createAsset({ typeId: str(v.typeId), assetTag: str(v.assetTag), ...common(v) })
            }
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

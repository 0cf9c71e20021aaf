import { createAsync, revalidate } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import {
  ASSET_CONDITIONS,
  type AssetCondition,
  getBookings,
  getHubEquipment,
  type MaintenanceWindow,
  type StaffAsset,
  staffApi,
} from '../../api/staff.ts'
import type { Hub, Lab } from '../../api/types.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { DateTimeField } from '../../components/DateTimeInput.tsx'
import { Field, Pager, pageOf, SelectField, StaffTable, TextArea } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { latestToast, toast } from '../../components/Toast.tsx'
import { t, tn } from '../../i18n/index.ts'
import { addDays, formatDateTime, formatRange, formatTime, today } from '../../lib/format.ts'

const PAGE = 25

type Dialog = { kind: 'maintenance' | 'checkout' | 'checkin'; asset: StaffAsset; window?: MaintenanceWindow }

const isNow = (w: MaintenanceWindow, now = Date.now()) => Date.parse(w.start) <= now && now < Date.parse(w.end)

/**
 * What the asset is doing, in words: retired; under maintenance now (a window in progress, or its record says so);
 * «In uso» only when it is actually out on loan; otherwise available, with the next maintenance if one is scheduled.
 */
function assetState(a: StaffAsset): { text: string; tone: 'good' | 'pending' | 'bad'; next?: string } {
  if (a.status === 'retired') return { text: t('calendar.maintenance.retired'), tone: 'bad' }
  const windows = a.maintenance ?? []
  const current = windows.find((w) => isNow(w))
  if (current) return { text: t('calendar.maintenance.now', { end: formatDateTime(current.end) }), tone: 'pending' }
  if (a.status === 'maintenance') return { text: t('calendar.maintenance.recordStatus'), tone: 'pending' }
  const coming = windows.find((w) => Date.parse(w.start) > Date.now())
  const next = coming ? t('calendar.maintenance.scheduled', { start: formatDateTime(coming.start) }) : undefined
  if (a.currentLoan) return { text: t('calendar.maintenance.onLoan', { holder: a.currentLoan.holder }), tone: 'pending', next }
  return { text: t('calendar.maintenance.available'), tone: 'good', next }
}

/** The hub's equipment: each asset with its state; maintenance windows, check-out and check-in. */
export function Equipment(props: { hub: Hub; labs: Lab[] }) {
  const [labId, setLabId] = createSignal('')
  return (
    <section aria-labelledby="equipment-title">
      <h2 id="equipment-title" class="h4">
        {t('staff.equipment.title')}
      </h2>
      <p>{t('staff.equipment.intro')}</p>
      <div class="sc-toolbar">
        <SelectField
          id="equipment-lab"
          label={t('staff.common.lab')}
          value={labId()}
          empty={t('staff.equipment.allLabs')}
          options={props.labs.map((l) => ({ value: l.id, label: l.name }))}
          onChange={setLabId}
        />
      </div>
      <AsyncBoundary>
        <Inventory hub={props.hub} labs={props.labs} labId={labId()} />
      </AsyncBoundary>
    </section>
  )
}

function Inventory(props: { hub: Hub; labs: Lab[]; labId: string }) {
  const assets = createAsync(() => getHubEquipment(props.hub.id, props.labId || undefined))
  const todays = createAsync(() =>
    getBookings({ hubId: props.hub.id, from: `${today()}T00:00`, to: `${addDays(today(), 1)}T00:00` }).catch(() => ({
      items: [],
      total: 0,
    })),
  )
  const [offset, setOffset] = createSignal(0)
  const [dialog, setDialog] = createSignal<Dialog>()

  const labIds = () => new Set(props.labs.map((l) => l.id))
  const shown = createMemo(() =>
    (assets() ?? [])
      .filter((a) => labIds().has(a.labId) && (!props.labId || a.labId === props.labId))
      .sort((a, b) => a.assetTag.localeCompare(b.assetTag)),
  )
  const typeName = (a: StaffAsset) => a.typeName
  const labName = (id: string) => props.labs.find((l) => l.id === id)?.name ?? ''
  const holderOf = (a: StaffAsset) => a.currentLoan?.holder
  /** Whether the asset is out: known when the server tells the open loan (else both actions are offered). */
  const isOut = (a: StaffAsset) => ('currentLoan' in a ? Boolean(a.currentLoan) : undefined)

  return (
    <>
      <Show when={shown().length > 0} fallback={<Empty>{t('staff.equipment.empty')}</Empty>}>
        <p>{tn('staff.equipment.count', shown().length)}</p>
        <StaffTable
          caption={t('staff.equipment.title')}
          columns={[
            'staff.equipment.tag',
            'staff.equipment.type',
            'staff.common.lab',
            'common.status',
            'staff.equipment.condition',
            'staff.equipment.holder',
            'common.actions',
          ]}
        >
          <For each={pageOf(shown(), offset(), PAGE)}>
            {(a) => (
              <tr>
                <th scope="row">{a.assetTag}</th>
                <td>{typeName(a)}</td>
                <td>{labName(a.labId)}</td>
                <td>
                  <span class={`sc-status ${assetState(a).tone}`}>{assetState(a).text}</span>
                  <Show when={assetState(a).next}>{(next) => <span class="d-block small mt-1">{next()}</span>}</Show>
                </td>
                <td>{t(`staff.equipment.conditions.${a.condition}` as 'staff.equipment.conditions.good') || a.condition}</td>
                <td>{holderOf(a) ?? '—'}</td>
                <td>
                  <div class="sc-actions">
                    <Show when={isOut(a) !== true && a.status === 'active'}>
                      <button
                        type="button"
                        class="btn btn-outline-primary btn-sm"
                        onClick={() => setDialog({ kind: 'checkout', asset: a })}
                      >
                        {t('staff.equipment.checkout')}
                        <span class="visually-hidden"> {a.assetTag}</span>
                      </button>
                    </Show>
                    <Show when={isOut(a) !== false}>
                      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setDialog({ kind: 'checkin', asset: a })}>
                        {t('staff.equipment.checkin')}
                        <span class="visually-hidden"> {a.assetTag}</span>
                      </button>
                    </Show>
                    <button
                      type="button"
                      class="btn btn-outline-secondary btn-sm"
                      onClick={() => setDialog({ kind: 'maintenance', asset: a })}
                    >
                      {t('staff.equipment.maintenance')}
                      <span class="visually-hidden"> {a.assetTag}</span>
                    </button>
                  </div>
                </td>
              </tr>
            )}
          </For>
        </StaffTable>
        <Pager total={shown().length} offset={offset()} limit={PAGE} onChange={setOffset} />
      </Show>
      <MaintenanceWindows
        assets={shown()}
        typeName={typeName}
        onEdit={(asset, window) => setDialog({ kind: 'maintenance', asset, window })}
      />
      <Show when={dialog()} keyed>
        {(d) => (
          <AssetDialog
            dialog={d}
            bookings={(todays()?.items ?? []).filter(
              (b) => b.labId === d.asset.labId && (b.status === 'confirmed' || b.status === 'pending'),
            )}
            onClose={() => setDialog(undefined)}
            onDone={(message) => toast.success(message)}
          />
        )}
      </Show>
    </>
  )
}

function AssetDialog(props: {
  dialog: Dialog
  bookings: { id: string; title: string; start: string; end: string }[]
  onClose: () => void
  onDone: (message: string) => void
}) {
  const [holder, setHolder] = createSignal('')
  const [bookingId, setBookingId] = createSignal('')
  const [condition, setCondition] = createSignal<AssetCondition>((props.dialog.asset.condition as AssetCondition) || 'good')
  const [notes, setNotes] = createSignal('')
  const editing = props.dialog.window
  const [start, setStart] = createSignal(editing ? editing.start.slice(0, 16) : '')
  const [end, setEnd] = createSignal(editing ? editing.end.slice(0, 16) : '')
  const [reason, setReason] = createSignal(editing?.reason ?? '')
  const tag = props.dialog.asset.assetTag
  const refresh = () => revalidate([getHubEquipment.key])

  const title = () =>
    props.dialog.kind === 'checkout'
      ? t('staff.equipment.checkoutTitle', { tag })
      : props.dialog.kind === 'checkin'
        ? t('staff.equipment.checkinTitle', { tag })
        : editing
          ? t('calendar.maintenance.editTitle', { tag })
          : t('staff.equipment.maintenanceTitle', { tag })

  const confirm = async () => {
    const id = props.dialog.asset.id
    if (props.dialog.kind === 'checkout') {
      await staffApi.checkout(id, { holder: holder().trim(), ...(bookingId() ? { bookingId: bookingId() } : {}) })
      props.onDone(t('staff.equipment.checkedOut', { tag, holder: holder().trim() }))
    } else if (props.dialog.kind === 'checkin') {
      await staffApi.checkin(id, { condition: condition(), ...(notes().trim() ? { notes: notes().trim() } : {}) })
      props.onDone(t('staff.equipment.checkedIn', { tag }))
    } else if (editing?.id) {
      await staffApi.updateMaintenance(id, editing.id, { start: start(), end: end(), reason: reason().trim() })
      props.onDone(t('calendar.maintenance.edited', { tag }))
    } else {
      await staffApi.maintenance(id, { start: start(), end: end(), reason: reason().trim() })
      props.onDone(t('staff.equipment.maintenanceSaved', { tag }))
    }
    await refresh()
  }

  return (
    <ConfirmDialog
      open
      onOpenChange={(open) => !open && props.onClose()}
      focusFallback={latestToast}
      title={title()}
      confirmLabel={t('common.save')}
      onConfirm={confirm}
    >
      <Show when={props.dialog.kind === 'checkout'}>
        <Field
          id="asset-holder"
          label={t('staff.equipment.holder')}
          value={holder()}
          onInput={setHolder}
          required
          maxLength={200}
          help={t('staff.equipment.holderHelp')}
        />
        <SelectField
          id="asset-booking"
          label={t('staff.equipment.booking')}
          value={bookingId()}
          empty={t('staff.equipment.noBooking')}
          options={props.bookings.map((b) => ({ value: b.id, label: `${formatTime(b.start)}–${formatTime(b.end)} ${b.title}` }))}
          onChange={setBookingId}
        />
      </Show>
      <Show when={props.dialog.kind === 'checkin'}>
        <SelectField
          id="asset-condition"
          label={t('staff.equipment.condition')}
          value={condition()}
          options={ASSET_CONDITIONS.map((c) => ({
            value: c,
            label: t(`staff.equipment.conditions.${c}` as 'staff.equipment.conditions.good'),
          }))}
          onChange={(v) => setCondition(v as AssetCondition)}
          required
        />
        <TextArea id="asset-notes" label={t('staff.equipment.notes')} value={notes()} onInput={setNotes} maxLength={2000} />
      </Show>
      <Show when={props.dialog.kind === 'maintenance'}>
        <DateTimeField
          id="asset-mstart"
          label={t('staff.closures.start')}
          timeLabel={t('staff.closures.startTime')}
          value={start()}
          onValue={setStart}
          required
        />
        <DateTimeField
          id="asset-mend"
          label={t('staff.closures.end')}
          timeLabel={t('staff.closures.endTime')}
          value={end()}
          onValue={setEnd}
          required
        />
        <Field id="asset-mreason" label={t('staff.closures.reason')} value={reason()} onInput={setReason} required maxLength={500} />
      </Show>
    </ConfirmDialog>
  )
}

/** Every maintenance window in progress or coming of the assets shown, each with end now, edit and remove. */
function MaintenanceWindows(props: {
  assets: StaffAsset[]
  typeName: (a: StaffAsset) => string
  onEdit: (asset: StaffAsset, window: MaintenanceWindow) => void
}) {
  const [action, setAction] = createSignal<{ kind: 'end' | 'remove'; asset: StaffAsset; window: MaintenanceWindow }>()
  const rows = createMemo(() =>
    props.assets
      .flatMap((asset) => (asset.maintenance ?? []).map((window) => ({ asset, window })))
      .sort((a, b) => a.window.start.localeCompare(b.window.start)),
  )
  const run = async () => {
    const a = action()
    if (!a?.window.id) return
    const tag = a.asset.assetTag
    if (a.kind === 'end') {
      await staffApi.updateMaintenance(a.asset.id, a.window.id, { endNow: true })
      toast.success(t('calendar.maintenance.ended', { tag }))
    } else {
      await staffApi.deleteMaintenance(a.asset.id, a.window.id)
      toast.success(t('calendar.maintenance.removed', { tag }))
    }
    await revalidate([getHubEquipment.key])
  }
  return (
    <section class="mt-4" aria-labelledby="maintenance-title">
      <h3 id="maintenance-title" class="h5">
        {t('calendar.maintenance.title')}
      </h3>
      <Show when={rows().length > 0} fallback={<Empty>{t('calendar.maintenance.empty')}</Empty>}>
        <StaffTable
          caption={t('calendar.maintenance.title')}
          columns={[
            'calendar.maintenance.colAsset',
            'calendar.maintenance.colPeriod',
            'calendar.maintenance.colReason',
            'calendar.maintenance.colState',
            'common.actions',
          ]}
        >
          <For each={rows()}>
            {(r) => (
              <tr>
                <th scope="row">
                  {r.asset.assetTag} <span class="fw-normal">· {props.typeName(r.asset)}</span>
                </th>
                <td>{formatRange(r.window.start, r.window.end)}</td>
                <td>{r.window.reason}</td>
                <td>{isNow(r.window) ? t('calendar.maintenance.inProgress') : t('calendar.maintenance.upcoming')}</td>
                <td>
                  <div class="sc-actions">
                    <Show when={isNow(r.window)}>
                      <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => setAction({ kind: 'end', ...r })}>
                        {t('calendar.maintenance.endNow')}
                        <span class="visually-hidden"> {r.asset.assetTag}</span>
                      </button>
                    </Show>
                    <button type="button" class="btn btn-outline-primary btn-sm" onClick={() => props.onEdit(r.asset, r.window)}>
                      {t('calendar.maintenance.edit')}
                      <span class="visually-hidden"> {r.asset.assetTag}</span>
                    </button>
                    <button type="button" class="btn btn-outline-danger btn-sm" onClick={() => setAction({ kind: 'remove', ...r })}>
                      {t('calendar.maintenance.remove')}
                      <span class="visually-hidden"> {r.asset.assetTag}</span>
                    </button>
                  </div>
                </td>
              </tr>
            )}
          </For>
        </StaffTable>
      </Show>
      <ConfirmDialog
        open={Boolean(action())}
        onOpenChange={(open) => !open && setAction(undefined)}
        title={action()?.kind === 'end' ? t('calendar.maintenance.endNowTitle') : t('calendar.maintenance.removeTitle')}
        description={
          action()?.kind === 'end'
            ? t('calendar.maintenance.endNowText', { tag: action()?.asset.assetTag ?? '' })
            : t('calendar.maintenance.removeText', {
                tag: action()?.asset.assetTag ?? '',
                when: action() ? formatRange(action()?.window.start ?? '', action()?.window.end ?? '') : '',
                reason: action()?.window.reason ?? '',
              })
        }
        confirmLabel={action()?.kind === 'end' ? t('calendar.maintenance.endNow') : t('calendar.maintenance.removeConfirm')}
        danger={action()?.kind === 'remove'}
        focusFallback={latestToast}
        onConfirm={run}
      />
    </section>
  )
}

import { createAsync } from '@solidjs/router'
import { createMemo, Show } from 'solid-js'
import { getEquipmentTypes, getLabs } from '../../api/catalogue.ts'
import type { StaffBooking } from '../../api/staff.ts'
import { locale, t } from '../../i18n/index.ts'
import { formatLongDate, formatTime } from '../../lib/format.ts'
import { labNamer } from '../../lib/lab-names.ts'
import { seriesInWords } from '../../lib/recurrence-words.ts'

/**
 * The names a list of bookings needs, as "my bookings" reads them: a lab's name with its hub where two labs
 * share a name (every lab of the catalogue counts, not only the hub's), an equipment type's name.
 */
export function createBookingNames() {
  const labs = createAsync(() => getLabs())
  const types = createAsync(() => getEquipmentTypes())
  const namer = createMemo(() => labNamer(labs() ?? []))
  return {
    labName: (id: string) => namer().name(id),
    /** The lab's hub, '' while the catalogue loads. */
    hubName: (id: string) => namer().hub(id),
    typeName: (id: string) => types()?.find((ty) => ty.id === id)?.name ?? '',
  }
}

/** "giovedì 4 marzo 2027, 10:00–12:00" */
export function whenInWords(b: Pick<StaffBooking, 'start' | 'end'>): string {
  return `${formatLongDate(b.start.slice(0, 10))}, ${formatTime(b.start)}–${formatTime(b.end)}`
}

/** Under a booking's title: its series' rule in words (never the RFC 5545 text) and the equipment booked. */
export function BookingLines(props: { booking: StaffBooking; typeName: (id: string) => string }) {
  const equipment = () => props.booking.equipment ?? []
  return (
    <>
      <Show when={props.booking.series}>
        {(series) => <span class="d-block small sc-series-rule">{seriesInWords(series(), locale())}</span>}
      </Show>
      <Show when={equipment().length > 0}>
        <span class="d-block small sc-equipment-line">
          {t('bookings.equipmentLine', {
            list: equipment()
              .map((e) => `${props.typeName(e.typeId)} × ${e.assetIds.length}`)
              .join(', '),
          })}
        </span>
      </Show>
    </>
  )
}

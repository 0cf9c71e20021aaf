import { createSignal, type JSX, Show } from 'solid-js'
import { t } from '../i18n/index.ts'

/**
 * Filters that stay out of the way on a phone: below 768 px they fold behind a «Filtri» button (saying how many
 * are in use) so that the results come first; on wider screens the button is hidden and the filters always
 * show. The panel stays in the page when folded (only hidden by CSS), so its fields keep their state.
 */
export function FilterPanel(props: {
  id: string
  /** Filters in use, shown on the button ("Filtri (2)"). */
  active: number
  /** A line saying what the filters choose, shown beside the folded button. */
  summary?: string
  /** Open or folded, when the page decides (e.g. open until a search is made, folded once it answers). */
  open?: boolean
  onOpen?: (open: boolean) => void
  children: JSX.Element
}) {
  const [own, setOwn] = createSignal(false)
  const open = () => props.open ?? own()
  const setOpen = (next: boolean) => (props.onOpen ? props.onOpen(next) : setOwn(next))
  return (
    <div class="sc-filter-panel" classList={{ open: open() }}>
      <div class="sc-filter-toggle">
        <button
          type="button"
          class="btn btn-outline-primary btn-sm"
          aria-expanded={open()}
          aria-controls={props.id}
          onClick={() => setOpen(!open())}
        >
          {t('filters.show')}
          <Show when={props.active > 0}> ({props.active})</Show>
        </button>
        <Show when={!open() && props.summary}>
          <span class="small">{props.summary}</span>
        </Show>
      </div>
      <div id={props.id} class="sc-filter-body">
        {props.children}
      </div>
    </div>
  )
}

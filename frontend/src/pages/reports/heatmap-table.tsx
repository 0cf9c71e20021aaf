import { createMemo, createSignal, For, type JSX, onCleanup, onMount, Show } from 'solid-js'
import { Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { formatNumber, weekdayName } from '../../lib/format.ts'
import { heatColor, shownHours } from './heatmap.ts'

/**
 * Booked hours by weekday (rows) and hour (columns), the cells shaded by how many. On a phone the grid is
 * wider than the screen: its box scrolls sideways, is reachable with the keyboard (Tab, then the arrows),
 * is named for screen readers, and says in words that it scrolls while there is more to see. What the grid
 * shows (its caption, above) and in what unit (below) stay outside the box, in view while the grid scrolls.
 */
export function Heatmap(props: { hours: number[][] }) {
  const grid = () => props.hours
  const max = createMemo(() => Math.max(0, ...grid().flat()))
  const hoursShown = createMemo(() => shownHours(grid()))
  return (
    <Show when={max() > 0} fallback={<Empty>{t('staff.reports.noData')}</Empty>}>
      <p id="heatmap-caption" class="small fw-semibold mb-1">
        {t('staff.reports.heatmapCaption')}
      </p>
      <ScrollBox>
        <table class="sc-heatmap" aria-labelledby="heatmap-caption">
          <thead>
            <tr>
              <th scope="col">
                <span class="visually-hidden">{t('staff.reports.weekday')}</span>
              </th>
              <For each={hoursShown()}>{(h) => <th scope="col">{String(h).padStart(2, '0')}</th>}</For>
            </tr>
          </thead>
          <tbody>
            <For each={[1, 2, 3, 4, 5, 6, 7]}>
              {(weekday) => (
                <tr>
                  <th scope="row">{weekdayName(weekday, 'short')}</th>
                  <For each={hoursShown()}>
                    {(h) => {
                      const value = () => grid()[weekday - 1][h]
                      const color = () => heatColor(value(), max())
                      return (
                        <td
                          style={{ background: color().bg, color: color().fg }}
                          title={`${weekdayName(weekday)} ${h}:00 — ${formatNumber(value())} h`}
                        >
                          {value() > 0 ? formatNumber(value(), 0) : ''}
                        </td>
                      )
                    }}
                  </For>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollBox>
      <p class="small mt-1">{t('staff.reports.heatmapUnit')}</p>
    </Show>
  )
}

/** The heatmap's scroll region: focusable, labelled, and saying that it scrolls when its grid is wider. */
function ScrollBox(props: { children: JSX.Element }) {
  let box: HTMLElement | undefined
  const [overflows, setOverflows] = createSignal(false)
  onMount(() => {
    if (!box) return
    const measure = () => box && setOverflows(box.scrollWidth > box.clientWidth + 1)
    const observer = new ResizeObserver(measure)
    observer.observe(box)
    measure()
    onCleanup(() => observer.disconnect())
  })
  return (
    <>
      <Show when={overflows()}>
        <p id="heatmap-scroll-hint" class="small mb-1 sc-scroll-hint">
          <span aria-hidden="true">↔ </span>
          {t('staff.reports.heatmapScroll')}
        </p>
      </Show>
      <section
        ref={box}
        class="sc-table-wrap sc-heatmap-box"
        classList={{ 'sc-scrolls': overflows() }}
        aria-label={t('staff.reports.heatmapCaption')}
        aria-describedby={overflows() ? 'heatmap-scroll-hint' : undefined}
        tabindex="0"
      >
        {props.children}
      </section>
    </>
  )
}

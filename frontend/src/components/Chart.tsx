import ChartJS, { type ChartConfiguration, type ChartType } from 'chart.js/auto'
import { createEffect, For, on, onCleanup, onMount } from 'solid-js'
import { t } from '../i18n/index.ts'
import { cardTable } from '../lib/card-table.ts'

export interface ChartSeries {
  label: string
  data: number[]
  color?: string
}

const PALETTE = ['#0066cc', '#008055', '#a61919', '#995c00', '#5c2f91', '#3d4a57']

/**
 * A Chart.js chart with its data repeated as a table for screen readers (and for anyone who wants numbers).
 * Import only from lazily loaded pages: Chart.js is heavy.
 */
export function Chart(props: {
  type: Extract<ChartType, 'bar' | 'line' | 'doughnut' | 'pie'>
  caption: string
  labels: string[]
  series: ChartSeries[]
  formatValue?: (n: number) => string
  height?: number
}) {
  let canvas: HTMLCanvasElement | undefined
  let chart: ChartJS | undefined
  const config = (): ChartConfiguration => ({
    type: props.type,
    data: {
      labels: props.labels,
      datasets: props.series.map((s, i) => ({
        label: s.label,
        data: s.data,
        backgroundColor: s.color ?? PALETTE[i % PALETTE.length],
        borderColor: s.color ?? PALETTE[i % PALETTE.length],
      })),
    },
    options: { responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: 'bottom' } } },
  })
  // Chart.js measures the canvas when created: wait until it is in the document (an outer Suspense may
  // still hold the page off-screen on mount).
  let frame = 0
  const attach = () => {
    if (!canvas || chart) return
    if (canvas.isConnected) chart = new ChartJS(canvas, config())
    else frame = requestAnimationFrame(attach)
  }
  onMount(attach)
  createEffect(
    on(
      () => [props.labels, props.series, props.type],
      () => {
        if (!chart) return
        const next = config()
        chart.data = next.data
        chart.update()
      },
      { defer: true },
    ),
  )
  onCleanup(() => {
    cancelAnimationFrame(frame)
    chart?.destroy()
  })
  const fmt = (n: number) => (props.formatValue ? props.formatValue(n) : String(n))
  return (
    <figure class="sc-chart">
      <div style={{ position: 'relative', height: `${props.height ?? 300}px` }} aria-hidden="true">
        <canvas ref={canvas} />
      </div>
      <figcaption class="mt-2">{props.caption}</figcaption>
      <details class="mt-1">
        <summary>{t('common.dataTable')}</summary>
        <div class="table-responsive" style={{ position: 'relative' }}>
          <table ref={cardTable} class="table table-sm">
            <caption class="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span class="visually-hidden">{props.caption}</span>
                </th>
                <For each={props.series}>{(s) => <th scope="col">{s.label}</th>}</For>
              </tr>
            </thead>
            <tbody>
              <For each={props.labels}>
                {(label, i) => (
                  <tr>
                    <th scope="row">{label}</th>
                    <For each={props.series}>{(s) => <td>{fmt(s.data[i()] ?? 0)}</td>}</For>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  )
}

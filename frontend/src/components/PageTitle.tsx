import { createEffect } from 'solid-js'
import { t } from '../i18n/index.ts'

/** The page's h1, mirrored in document.title ("Catalogo — Spazi Comuni"). */
export function PageTitle(props: { children: string; lead?: string }) {
  createEffect(() => {
    document.title = `${props.children} — ${t('app.name')}`
  })
  return (
    <div class="sc-page-title">
      <h1>{props.children}</h1>
      {props.lead ? <p class="lead">{props.lead}</p> : null}
    </div>
  )
}

import { revalidate } from '@solidjs/router'
import { ErrorBoundary, type JSX, Show, Suspense } from 'solid-js'
import { t } from '../i18n/index.ts'
import { ProblemAlert } from './ProblemAlert.tsx'

/** A polite "loading" line: announced by screen readers, with a spinner for the eyes. */
export function Loading(props: { label?: string }) {
  return (
    <div class="d-flex align-items-center gap-2 my-3" role="status" aria-live="polite">
      <span class="spinner-border spinner-border-sm text-primary" aria-hidden="true" />
      <span>{props.label ?? t('app.loading')}</span>
    </div>
  )
}

export function Empty(props: { children: JSX.Element; action?: JSX.Element }) {
  return (
    <div class="sc-empty my-3 p-3 border rounded bg-light">
      <p class="mb-0">{props.children}</p>
      <Show when={props.action}>
        <div class="mt-2">{props.action}</div>
      </Show>
    </div>
  )
}

/** A success message announced to screen readers. */
export function Success(props: { children: JSX.Element }) {
  return (
    <div class="alert alert-success" role="status" aria-live="polite">
      {props.children}
    </div>
  )
}

/** Loading and failure of the async reads inside: a spinner first, then the data or the problem in words. */
export function AsyncBoundary(props: { children: JSX.Element; loadingLabel?: string }) {
  return (
    <ErrorBoundary
      fallback={(err, reset) => (
        <ProblemAlert
          problem={err}
          onRetry={() => {
            void revalidate()
            reset()
          }}
        />
      )}
    >
      <Suspense fallback={<Loading label={props.loadingLabel} />}>{props.children}</Suspense>
    </ErrorBoundary>
  )
}

import { A } from '@solidjs/router'
import { For, type JSX, Show } from 'solid-js'
import { ApiProblem, PROBLEM_TYPES } from '../api/client.ts'
import { type TKey, t } from '../i18n/index.ts'
import { formatRange } from '../lib/format.ts'

/** A conflict reason in words ("il laboratorio è già prenotato"). */
export function conflictReason(reason: string): string {
  const key = `conflict.${reason}` as TKey
  const text = t(key) as string | undefined
  return typeof text === 'string' ? text : (t('conflict.unknown') as string)
}

function headline(problem: unknown): string {
  if (!(problem instanceof ApiProblem)) return t('problem.generic')
  switch (problem.status) {
    case 0:
      return t('problem.network')
    case 400:
      return t('problem.invalid')
    case 401:
      return t('problem.unauthorized')
    case 403:
      return t('problem.forbidden')
    case 404:
      return problem.type === PROBLEM_TYPES.noRoute ? t('problem.missingFeature') : t('problem.notFound')
    case 405:
      return t('problem.missingFeature')
    case 409:
      // without conflicts to list, the thing is no longer in a state that allows it (already used, not pending…)
      return problem.conflicts.length ? t('problem.conflict') : t('problem.notNow')
    case 413:
      return t('problem.tooLarge')
    case 429:
      return t('problem.tooMany')
    case 503:
      return t('problem.unavailable')
    default:
      return problem.status >= 500 ? t('problem.internal') : t('problem.generic')
  }
}

/**
 * Turns an API problem (or any error) into words a person understands: a headline by status, the field
 * errors with the form's own labels, the conflicts with their times and reasons.
 */
export function ProblemAlert(props: {
  problem: unknown
  /** Labels of the form's fields by API path, to name the field in an error. */
  fields?: Record<string, string>
  onRetry?: () => void
  children?: JSX.Element
}) {
  const problem = () => (props.problem instanceof ApiProblem ? props.problem : undefined)
  const fieldName = (path: string) => props.fields?.[path] ?? path
  const supportCode = () => {
    const id = problem()?.body.requestId
    return typeof id === 'string' && id ? id : undefined
  }
  return (
    <div class="alert alert-danger" role="alert">
      <p class="mb-1 fw-semibold">{headline(props.problem)}</p>
      <Show when={problem()?.errors.length}>
        <ul class="mb-1">
          <For each={problem()?.errors}>{(e) => <li>{t('problem.field', { field: fieldName(e.path), message: e.message })}</li>}</For>
        </ul>
      </Show>
      <Show when={problem()?.conflicts.length}>
        <ul class="mb-1">
          <For each={problem()?.conflicts}>
            {(c) => (
              <li>
                {formatRange(c.start, c.end)}: {conflictReason(c.reason)}
              </li>
            )}
          </For>
        </ul>
      </Show>
      <Show when={problem()?.status === 401}>
        <p class="mb-1">
          <A href={`/login?next=${encodeURIComponent(location.pathname + location.search)}`}>{t('problem.signIn')}</A>
        </p>
      </Show>
      {/* the server's detail is a sentence written for people, in their language: said as it is */}
      <Show when={problem()?.detail && !problem()?.conflicts.length && !problem()?.errors.length && problem()?.status !== 401}>
        <p class="mb-1">{problem()?.detail}</p>
      </Show>
      {/* what went wrong on the server's side: the request's code, for whoever answers the person's message */}
      <Show when={(problem()?.status ?? 0) >= 500 && supportCode()}>
        {(id) => <p class="mb-1 small">{t('problem.supportCode', { id: id() })}</p>}
      </Show>
      {props.children}
      <Show when={props.onRetry}>
        <button type="button" class="btn btn-outline-primary btn-sm mt-2" onClick={() => props.onRetry?.()}>
          {t('common.retry')}
        </button>
      </Show>
    </div>
  )
}

import { A, createAsync } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { type Application, type Call, getCallApplications, getCalls, getMyApplications } from '../../api/calls.ts'
import { settle } from '../../api/client.ts'
import { PageTitle } from '../../components/PageTitle.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { useSession } from '../../session/session.tsx'

/**
 * The evaluator's (and the Comune's) work list: the submitted applications of the calls they may see;
 * for everyone else, their own applications and their status.
 */
export default function EvaluationPage() {
  const session = useSession()
  const staff = () => session.user()?.role === 'evaluator' || session.user()?.role === 'admin'
  const work = createAsync(async () => {
    if (!staff()) return [] as Array<{ call: Call; apps: Application[] }>
    const calls = await getCalls()
    const lists = await Promise.all(calls.map(async (call) => ({ call, apps: await settle(getCallApplications(call.id)) })))
    return lists.flatMap((l) => (l.apps.ok && l.apps.value.length > 0 ? [{ call: l.call, apps: l.apps.value }] : []))
  })
  const mine = createAsync(async () => (session.user() ? getMyApplications() : []))
  return (
    <>
      <PageTitle lead={staff() ? t('calls.evaluation.lead') : undefined}>
        {staff() ? t('calls.evaluation.title') : t('calls.myApplications')}
      </PageTitle>
      <AsyncBoundary>
        <Show when={staff()}>
          <Show when={(work() ?? []).length > 0} fallback={<Empty>{t('calls.evaluation.none')}</Empty>}>
            <For each={work()}>
              {(w) => (
                <section class="mb-4">
                  <h2 class="h4">
                    <A href={`/calls/${w.call.id}`}>{w.call.title}</A>
                  </h2>
                  <AppList apps={w.apps} />
                </section>
              )}
            </For>
          </Show>
        </Show>
        <Show when={(mine() ?? []).length > 0}>
          <section>
            <Show when={staff()}>
              <h2 class="h4">{t('calls.myApplications')}</h2>
            </Show>
            <AppList apps={mine() ?? []} />
          </section>
        </Show>
      </AsyncBoundary>
    </>
  )
}

function AppList(props: { apps: Application[] }) {
  return (
    <ul class="list-group">
      <For each={props.apps}>
        {(a) => (
          <li class="list-group-item d-flex justify-content-between align-items-center flex-wrap gap-2">
            <span>
              <Show when={a.protocolNumber}>
                <span class="me-2">#{a.protocolNumber}</span>
              </Show>
              <A href={`/applications/${a.id}`}>{a.title}</A> — {a.organisationName}
            </span>
            <span class="badge bg-primary">{t(`calls.app.status.${a.status}`)}</span>
          </li>
        )}
      </For>
    </ul>
  )
}

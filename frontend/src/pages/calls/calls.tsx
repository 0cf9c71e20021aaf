import { A, createAsync } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { getCalls } from '../../api/calls.ts'
import { PageTitle } from '../../components/PageTitle.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { formatDateTime, formatEuroCents } from '../../lib/format.ts'
import { useSession } from '../../session/session.tsx'

/** The public list of calls: open ones first, each with its deadline. */
export default function CallsPage() {
  const session = useSession()
  const admin = () => session.user()?.role === 'admin'
  const calls = createAsync(() => getCalls())
  const ordered = () => [...(calls() ?? [])].sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'))
  return (
    <>
      <PageTitle lead={t('calls.listLead')}>{t('calls.listTitle')}</PageTitle>
      <Show when={admin()}>
        <p>
          <A class="btn btn-primary" href="/calls/new">
            {t('calls.manage.newTitle')}
          </A>
        </p>
      </Show>
      <AsyncBoundary>
        <Show when={ordered().length > 0} fallback={<Empty>{t('calls.none')}</Empty>}>
          <ul class="list-unstyled row g-3">
            <For each={ordered()}>
              {(call) => (
                <li class="col-12 col-lg-6">
                  <article class="card h-100 shadow-sm">
                    <div class="card-body">
                      <span class={`badge ${call.status === 'open' ? 'bg-success' : 'bg-secondary'} mb-2`}>
                        {t(`calls.status.${call.status}`)}
                      </span>
                      <h2 class="h4 card-title">
                        <A href={`/calls/${call.id}`}>{call.title}</A>
                      </h2>
                      <dl class="row mb-0 small">
                        <dt class="col-6">{t('calls.deadline')}</dt>
                        <dd class="col-6">
                          <time dateTime={call.closesAt}>{formatDateTime(call.closesAt)}</time>
                        </dd>
                        <dt class="col-6">{t('calls.maxFunding')}</dt>
                        <dd class="col-6">{formatEuroCents(call.maxFundingCents)}</dd>
                      </dl>
                      <Show when={admin()}>
                        <A class="btn btn-outline-primary btn-sm mt-2" href={`/calls/${call.id}/manage`}>
                          {t('calls.manage.manageNamed', { title: call.title })}
                        </A>
                      </Show>
                    </div>
                  </article>
                </li>
              )}
            </For>
          </ul>
        </Show>
      </AsyncBoundary>
    </>
  )
}

import { A, createAsync, useNavigate, useParams } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { type Call, createApplication, getCall, getRanking, type RankingRow } from '../../api/calls.ts'
import { settle } from '../../api/client.ts'
import { createOperation } from '../../components/operation.ts'
import { PageTitle } from '../../components/PageTitle.tsx'
import { ProblemAlert } from '../../components/ProblemAlert.tsx'
import { AsyncBoundary } from '../../components/States.tsx'
import { SubmitButton } from '../../components/SubmitButton.tsx'
import { t } from '../../i18n/index.ts'
import { cardTable } from '../../lib/card-table.ts'
import { formatDateTime, formatEuroCents, formatNumber } from '../../lib/format.ts'
import { useSession } from '../../session/session.tsx'

/** One call: its text, deadline, criteria, the way to apply, and its ranking once published. */
export default function CallPage() {
  const params = useParams<{ id: string }>()
  const call = createAsync(() => getCall(params.id))
  const ranking = createAsync(async () => {
    const c = call()
    if (!c || (c.status !== 'ranked' && c.status !== 'awarded')) return [] as RankingRow[]
    const r = await settle(getRanking(c.id))
    return r.ok ? r.value : []
  })
  return (
    <AsyncBoundary>
      <Show when={call()}>
        {(c) => (
          <>
            <PageTitle>{c().title}</PageTitle>
            <div class="row g-4">
              <div class="col-12 col-lg-8">
                <CallText call={c()} />
              </div>
              <aside class="col-12 col-lg-4">
                <CallFacts call={c()} />
              </aside>
            </div>
            <Show when={(ranking() ?? []).length > 0}>{(_) => <CallRanking rows={ranking() ?? []} />}</Show>
          </>
        )}
      </Show>
    </AsyncBoundary>
  )
}

/** What the call asks for: its text, its criteria with their weights, the documents required. */
function CallText(props: { call: Call }) {
  return (
    <>
      <p style={{ 'white-space': 'pre-line' }}>{props.call.description}</p>
      <h2 class="h4">{t('calls.criteria')}</h2>
      <ul>
        <For each={props.call.criteria}>
          {(cr) => (
            <li>
              <strong>{cr.name}</strong> — {t('calls.weight', { weight: formatNumber(cr.weight, 2), max: cr.maxScore })}
            </li>
          )}
        </For>
      </ul>
      <Show when={props.call.requiredDocuments.length > 0}>
        <h2 class="h4">{t('calls.documents')}</h2>
        <ul>
          <For each={props.call.requiredDocuments}>{(d) => <li>{d}</li>}</For>
        </ul>
      </Show>
    </>
  )
}

/** The card beside: status, dates, money, who may apply, and the way to apply while the call is open. */
function CallFacts(props: { call: Call }) {
  const session = useSession()
  const c = () => props.call
  return (
    <div class="card shadow-sm">
      <div class="card-body">
        <span class={`badge ${c().status === 'open' ? 'bg-success' : 'bg-secondary'} mb-2`}>{t(`calls.status.${c().status}`)}</span>
        <dl class="mb-3">
          <dt>{t('calls.deadline')}</dt>
          <dd>
            <time dateTime={c().closesAt}>{formatDateTime(c().closesAt)}</time>
          </dd>
          <dt>{t('calls.opens')}</dt>
          <dd>
            <time dateTime={c().opensAt}>{formatDateTime(c().opensAt)}</time>
          </dd>
          <dt>{t('calls.budget')}</dt>
          <dd>{formatEuroCents(c().budgetCents)}</dd>
          <dt>{t('calls.maxFunding')}</dt>
          <dd>{formatEuroCents(c().maxFundingCents)}</dd>
          <dt>{t('calls.applicants')}</dt>
          <dd>
            {c()
              .applicantTypes.map((a) => t(`calls.legal.${a}`))
              .join(', ')}
          </dd>
        </dl>
        <Show when={c().status === 'open'}>
          <Show
            when={session.user()}
            fallback={<A href={`/login?next=${encodeURIComponent(`/calls/${c().id}`)}`}>{t('calls.signInToApply')}</A>}
          >
            <ApplyForm call={c()} />
          </Show>
        </Show>
      </div>
    </div>
  )
}

/** "Presenta una domanda": a draft application in the signed-in person's name, then its page. */
function ApplyForm(props: { call: Call }) {
  const session = useSession()
  const navigate = useNavigate()
  const op = createOperation()
  async function apply(e: SubmitEvent) {
    e.preventDefault()
    const c = props.call
    await op.run(async () => {
      const me = session.user()
      const created = await createApplication(c.id, {
        title: t('calls.app.title'),
        applicantType: c.applicantTypes[0],
        organisationName: me?.name ?? '—',
      })
      navigate(`/applications/${created.id}`)
    }, false)
  }
  return (
    <form onSubmit={apply}>
      <Show when={op.problem()}>
        <ProblemAlert problem={op.problem()} />
      </Show>
      <SubmitButton pending={op.pending()} label={t('calls.apply')} />
    </form>
  )
}

/** The published ranking: rank, project, proposer and score (or "not admissible"). */
function CallRanking(props: { rows: RankingRow[] }) {
  return (
    <section class="mt-4">
      <h2 class="h3">{t('calls.ranking')}</h2>
      <div class="table-responsive">
        <table ref={cardTable} class="table">
          <thead>
            <tr>
              <th scope="col">{t('calls.rank')}</th>
              <th scope="col">{t('calls.project')}</th>
              <th scope="col">{t('calls.proposer')}</th>
              <th scope="col" class="text-end">
                {t('calls.score')}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={props.rows}>
              {(row) => (
                <tr>
                  <td>{row.rank ?? '—'}</td>
                  <td>{row.title}</td>
                  <td>{row.organisationName}</td>
                  <td class="text-end">
                    {row.admissible ? (row.score === null ? '—' : formatNumber(row.score, 2)) : t('calls.notAdmissible')}
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  )
}

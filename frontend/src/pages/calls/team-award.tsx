import { A, useParams } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { getTeamAwards } from '../../api/calls.ts'
import { api } from '../../api/client.ts'
import type { Grant } from '../../api/types.ts'
import { StaffTable } from '../../components/kit.tsx'
import { PageTitle } from '../../components/PageTitle.tsx'
import { createReloadable } from '../../components/reloadable.ts'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { t } from '../../i18n/index.ts'
import { formatDate, formatNumber } from '../../lib/format.ts'
import { useSession } from '../../session/session.tsx'
import { AwardCard } from './manage.tsx'

/**
 * A team's award (/teams/:id/award): what the call gave it (money, with the tranches paid), the hours of space
 * with what is booked and used, and, while conditional, the form that records the new entity's codice fiscale.
 */
export default function TeamAwardPage() {
  const params = useParams<{ id: string }>()
  const session = useSession()
  // read again after a change in place (components/reloadable.ts): each award keeps its card and its messages
  const awards = createReloadable(() => params.id, getTeamAwards)
  const grants = createReloadable(
    () => params.id,
    (id: string) => api.get<Grant[]>(`/teams/${encodeURIComponent(id)}/grants`),
  )
  const reload = async () => {
    await Promise.all([awards.reload(), grants.reload()])
  }
  const teamName = () => session.user()?.teams.find((tm) => tm.id === params.id)?.name
  const isAdmin = () => session.user()?.role === 'admin'
  return (
    <>
      <PageTitle lead={t('calls.team.lead')}>
        {teamName() ? t('calls.team.titleOf', { name: teamName()! }) : t('calls.team.title')}
      </PageTitle>
      <AsyncBoundary>
        <h2 class="h4">{t('calls.team.money')}</h2>
        <Show when={(awards() ?? []).length > 0} fallback={<Empty>{t('calls.team.noAwards')}</Empty>}>
          <For each={awards()}>
            {(a) => <AwardCard award={a} label={a.beneficiaryName ?? teamName()} admin={isAdmin()} onSaved={reload} />}
          </For>
        </Show>
        <h2 class="h4 mt-4">{t('calls.team.hours')}</h2>
        <Show when={(grants() ?? []).length > 0} fallback={<Empty>{t('calls.team.noGrants')}</Empty>}>
          <StaffTable
            caption={t('calls.team.hours')}
            columns={[
              'calls.team.reference',
              'calls.team.period',
              'calls.team.granted',
              'calls.team.booked',
              'calls.team.used',
              'calls.team.remaining',
            ]}
          >
            <For each={grants()}>
              {(g) => (
                <tr>
                  <td>{g.reference}</td>
                  <td>
                    {formatDate(g.from)} – {formatDate(g.to)}
                  </td>
                  <td>{formatNumber(g.hours, 1)}</td>
                  <td>{formatNumber(g.hoursBooked ?? 0, 1)}</td>
                  <td>{formatNumber(g.hoursUsed ?? 0, 1)}</td>
                  <td>{formatNumber(g.hoursRemaining ?? g.hours, 1)}</td>
                </tr>
              )}
            </For>
          </StaffTable>
          <p>
            <A class="btn btn-primary" href="/bookings/new">
              {t('calls.team.book')}
            </A>
          </p>
        </Show>
      </AsyncBoundary>
    </>
  )
}

import { createResource, createSignal, For, Show } from 'solid-js'
import { getTeamInvitations, inviteToTeam, revokeInvitation } from '../api/bookings.ts'
import { t } from '../i18n/index.ts'
import { formatDate } from '../lib/format.ts'
import { createOperation } from './operation.ts'
import { ProblemAlert } from './ProblemAlert.tsx'

/** The team's invite form and its pending invitations (each revocable). */
export function TeamInvitations(props: { teamId: string }) {
  const [list, { refetch }] = createResource(() => props.teamId, getTeamInvitations)
  const [email, setEmail] = createSignal('')
  const op = createOperation()
  const invite = async (e: SubmitEvent) => {
    e.preventDefault()
    await op.run(async () => {
      const res = await inviteToTeam(props.teamId, email())
      setEmail('')
      await refetch()
      op.setDone(t('invite.sent', { email: res.email }))
    }, false)
  }
  const revoke = (id: string) =>
    op.run(async () => {
      await revokeInvitation(props.teamId, id)
      await refetch()
    }, t('invite.revoked'))
  return (
    <section class="mt-5" aria-labelledby="invite-title">
      <h2 id="invite-title" class="h4">
        {t('invite.title')}
      </h2>
      <p>{t('invite.intro')}</p>
      <form class="d-flex flex-wrap gap-2 align-items-end" onSubmit={invite}>
        <div class="sc-field" style={{ flex: '1 1 16rem' }}>
          <label for="invite-email">{t('invite.email')}</label>
          <input
            id="invite-email"
            class="form-control"
            type="email"
            required
            autocomplete="off"
            value={email()}
            onInput={(e) => setEmail(e.currentTarget.value)}
          />
        </div>
        <button type="submit" class="btn btn-primary" disabled={op.pending()} aria-busy={op.pending()}>
          {op.pending() ? t('common.working') : t('invite.send')}
        </button>
      </form>
      <p aria-live="polite" class="small mt-1 sc-invite-notice">
        {op.done() ?? ''}
      </p>
      <Show when={op.problem()}>
        <ProblemAlert problem={op.problem()} />
      </Show>
      <h3 class="h5 mt-3">{t('invite.pending')}</h3>
      <Show when={(list() ?? []).length > 0} fallback={<p class="text-muted">{t('invite.none')}</p>}>
        <ul class="list-unstyled sc-invitations">
          <For each={list()}>
            {(i) => (
              <li class="d-flex flex-wrap gap-2 align-items-center mb-2">
                <span class="fw-semibold">{i.email}</span>
                <span class="small text-muted">{t('invite.until', { date: formatDate(i.expiresAt.slice(0, 10)) })}</span>
                <button type="button" class="btn btn-sm btn-outline-danger" onClick={() => revoke(i.id)}>
                  {t('invite.revoke')}
                  <span class="visually-hidden"> {i.email}</span>
                </button>
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  )
}

import { createResource, createSignal, For, Show } from 'solid-js'
import { getTeamInvitations, inviteToTeam, revokeInvitation } from '../api/bookings.ts'
import { t } from '../i18n/index.ts'
import { formatDate } from '../lib/format.ts'
import { ProblemAlert } from './ProblemAlert.tsx'

/** The team's invite form and its pending invitations (each revocable). */
export function TeamInvitations(props: { teamId: string }) {
  const [list, { refetch }] = createResource(() => props.teamId, getTeamInvitations)
  const [email, setEmail] = createSignal('')
  const [pending, setPending] = createSignal(false)
  const [problem, setProblem] = createSignal<unknown>()
  const [notice, setNotice] = createSignal('')
  const invite = async (e: SubmitEvent) => {
    e.preventDefault()
    setPending(true)
    setProblem(undefined)
    setNotice('')
    try {
      const res = await inviteToTeam(props.teamId, email())
      setNotice(t('invite.sent', { email: res.email }))
      setEmail('')
      await refetch()
    } catch (err) {
      setProblem(err)
    } finally {
      setPending(false)
    }
  }
  const revoke = async (id: string) => {
    setProblem(undefined)
    try {
      await revokeInvitation(props.teamId, id)
      setNotice(t('invite.revoked'))
      await refetch()
    } catch (err) {
      setProblem(err)
    }
  }
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
        <button type="submit" class="btn btn-primary" disabled={pending()} aria-busy={pending()}>
          {pending() ? t('common.working') : t('invite.send')}
        </button>
      </form>
      <p aria-live="polite" class="small mt-1 sc-invite-notice">
        {notice()}
      </p>
      <Show when={problem()}>
        <ProblemAlert problem={problem()} />
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

import { A, useNavigate, useSearchParams } from '@solidjs/router'
import { createResource, createSignal, Show } from 'solid-js'
import { acceptInvitation, lookupInvitation } from '../api/bookings.ts'
import { Field } from '../components/kit.tsx'
import { createOperation } from '../components/operation.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { formatDate } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'

/**
 * Where an invitation email leads (`/invitations/accept?token=…`): which team, and how to accept: signed in
 * with the invited address, by signing in first, or by signing up with a name when the address has no account.
 */
export default function InvitationPage() {
  const [params] = useSearchParams<{ token?: string }>()
  const session = useSession()
  const navigate = useNavigate()
  const token = () => params.token ?? ''
  const [invitation] = createResource(token, async (tk) => {
    try {
      return { ok: true as const, value: await lookupInvitation(tk) }
    } catch (err) {
      return { ok: false as const, error: err }
    }
  })
  const [name, setName] = createSignal('')
  const op = createOperation()
  const next = () => `/login?next=${encodeURIComponent(`/invitations/accept?token=${token()}`)}`

  const accept = async (e: SubmitEvent) => {
    e.preventDefault()
    await op.run(async () => {
      const res = await acceptInvitation(token(), session.user() ? undefined : name())
      await session.refresh()
      navigate(res.signedIn ? `/bookings?team=${encodeURIComponent(res.teamId)}` : '/login', { replace: true })
    }, false)
  }

  return (
    <div class="row">
      <div class="col-12 col-lg-8">
        <PageTitle>{t('invite.acceptTitle')}</PageTitle>
        <Show when={!invitation.loading && !session.user.loading} fallback={<Loading />}>
          <Show
            when={invitation()?.ok ? invitation() : undefined}
            fallback={<ProblemAlert problem={(invitation() as { error?: unknown } | undefined)?.error ?? new Error('invitation')} />}
          >
            {(found) => {
              const inv = () => (found() as { value: Awaited<ReturnType<typeof lookupInvitation>> }).value
              const me = () => session.user()
              return (
                <>
                  <p class="lead">{t('invite.acceptLead', { team: inv().teamName })}</p>
                  <p>{t('invite.acceptFor', { email: inv().email, date: formatDate(inv().expiresAt.slice(0, 10)) })}</p>
                  <Show
                    when={me() || !inv().hasAccount}
                    fallback={
                      <>
                        <p>{t('invite.signInFirst')}</p>
                        <A class="btn btn-primary" href={next()}>
                          {t('nav.login')}
                        </A>
                      </>
                    }
                  >
                    <form onSubmit={accept}>
                      <Show when={!me()}>
                        {/* the kit's field: a typed input, so it has the border the theme gives text inputs */}
                        <Field
                          id="invite-name"
                          label={t('invite.yourName')}
                          required
                          maxLength={200}
                          autocomplete="name"
                          value={name()}
                          onInput={setName}
                        />
                      </Show>
                      <Show when={me() && me()!.email !== inv().email}>
                        <p class="alert alert-warning">{t('invite.otherAccount', { email: me()!.email })}</p>
                      </Show>
                      <button type="submit" class="btn btn-primary mt-2" disabled={op.pending()} aria-busy={op.pending()}>
                        {op.pending() ? t('common.working') : me() ? t('invite.accept') : t('invite.acceptSignUp')}
                      </button>
                    </form>
                  </Show>
                  <Show when={op.problem()}>
                    <ProblemAlert problem={op.problem()} />
                  </Show>
                </>
              )
            }}
          </Show>
        </Show>
      </div>
    </div>
  )
}

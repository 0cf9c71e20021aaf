import { A, useNavigate } from '@solidjs/router'
import { createEffect, Show } from 'solid-js'
import { PageTitle } from '../components/PageTitle.tsx'
import { Loading } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { useSession } from '../session/session.tsx'
import { homeOf } from './login.tsx'

/**
 * Where SPID/CIE sign-in lands by default: who you are (name and codice fiscale) and, for a person without a
 * team yet, how to join one or apply to a call. Staff go on to their own page.
 */
export default function WelcomePage() {
  const session = useSession()
  const navigate = useNavigate()
  const me = () => (session.user.loading ? undefined : session.user())

  createEffect(() => {
    if (session.user.loading) return
    const user = session.user()
    if (!user) navigate('/login?next=%2Fbenvenuto', { replace: true })
    else if (user.role !== 'member') navigate(homeOf(user), { replace: true })
  })

  return (
    <Show when={me()} fallback={<Loading />}>
      {(user) => (
        <div class="row">
          <div class="col-12 col-lg-8">
            <PageTitle>{t('spid.welcome.title')}</PageTitle>
            <p class="lead">{t('spid.welcome.signedInAs', { name: user().name })}</p>
            <Show when={user().fiscalCode}>
              <dl class="sc-identity">
                <dt>{t('spid.fiscalCode')}</dt>
                <dd class="font-monospace">{user().fiscalCode}</dd>
              </dl>
            </Show>
            <Show
              when={user().teamIds.length === 0}
              fallback={
                <A class="btn btn-primary" href="/bookings">
                  {t('spid.welcome.myBookings')}
                </A>
              }
            >
              <p>{t('spid.welcome.noTeam')}</p>
              <ul>
                <li>{t('spid.welcome.joinTeam', { email: user().email })}</li>
                <li>{t('spid.welcome.applyCall')}</li>
              </ul>
              <A class="btn btn-outline-primary" href="/">
                {t('spid.welcome.browse')}
              </A>
            </Show>
          </div>
        </div>
      )}
    </Show>
  )
}

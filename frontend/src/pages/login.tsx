import { useNavigate, useSearchParams } from '@solidjs/router'
import { createResource, createSignal, onMount, Show } from 'solid-js'
import { api, isProblem } from '../api/client.ts'
import type { Me } from '../api/types.ts'
import { FieldLabel } from '../components/kit.tsx'
import { createOperation, type Operation } from '../components/operation.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { SpidButton } from '../components/SpidButton.tsx'
import { Loading, Success } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { useSession } from '../session/session.tsx'

/** Where to go after signing in: the page asked for, or the person's main page. */
export function homeOf(me: Me | null | undefined): string {
  if (me?.role === 'admin') return '/reports'
  if (me?.role === 'operator') return '/operator'
  return '/bookings'
}

/** How one may sign in here (GET /auth/methods): the SPID/CIE button and who may use a password. */
interface SignInMethods {
  password: 'on' | 'staff' | 'off'
  oidc: { label: string; start: string } | null
}

async function fetchMethods(): Promise<SignInMethods> {
  try {
    return await api.get<SignInMethods>('/auth/methods')
  } catch {
    // Unknown: show the staff form, as before SPID/CIE existed.
    return { password: 'on', oidc: null }
  }
}

function safeNext(next: string | undefined): string | undefined {
  // Only paths of this site: never an absolute URL an attacker could put in a link.
  return next?.startsWith('/') && !next.startsWith('//') ? next : undefined
}

export default function LoginPage() {
  const session = useSession()
  const navigate = useNavigate()
  const [params] = useSearchParams<{ token?: string; next?: string }>()
  const [email, setEmail] = createSignal('')
  const [password, setPassword] = createSignal('')
  const op = createOperation()
  // The sign-in link's request: starting one of the two clears the other's message (only the latest is said).
  const link = createOperation()
  const [needEmail, setNeedEmail] = createSignal(false)
  const [verifying, setVerifying] = createSignal(false)
  // Which way the last attempt went: a refused link and a wrong password are told apart (the link's token
  // stays in the address after it failed, while the person goes on with the password).
  const [viaLink, setViaLink] = createSignal(false)

  // Set while signing in: the page is about to leave, so it must not flash "already signed in" meanwhile.
  const [leaving, setLeaving] = createSignal(false)

  const [methods] = createResource(fetchMethods)
  // A new person has no page of its own yet: the welcome page says how to join a team.
  const spidHref = (start: string) => `${start}?next=${encodeURIComponent(safeNext(params.next) ?? '/benvenuto')}`
  const passwordOn = () => methods()?.password !== 'off'

  const go = (me: Me | null | undefined) => navigate(safeNext(params.next) ?? homeOf(me), { replace: true })

  onMount(async () => {
    const token = params.token
    if (!token) return
    setVerifying(true)
    setViaLink(true)
    await signInWith(() => session.signInWithToken(token))
    setVerifying(false)
  })

  /** Signs in and leaves for where the person was going; on a problem, stays to say it. */
  const signInWith = async (signIn: () => Promise<Me | null | undefined>) => {
    link.reset()
    setNeedEmail(false)
    setLeaving(true)
    let me: Me | null | undefined
    if (await op.run(async () => (me = await signIn()), false)) go(me)
    else setLeaving(false)
  }

  const submit = async (e: Event) => {
    e.preventDefault()
    setViaLink(false)
    await signInWith(() => session.signIn(email().trim(), password()))
  }

  return (
    <div class="row">
      <div class="col-12 col-md-8 col-lg-6">
        <PageTitle lead={t('login.intro')}>{t('login.title')}</PageTitle>
        <Show when={verifying()}>
          <Loading label={t('login.verifying')} />
        </Show>
        <Show when={!leaving() && session.user()}>{(me) => <p class="alert alert-info">{t('login.already', { name: me().name })}</p>}</Show>
        <div aria-live="assertive">
          <Show when={op.problem()}>
            {(err) =>
              // a link's token refused, or not even of the right shape (a link cut short): the link does not work
              isProblem(err(), 401) || (viaLink() && isProblem(err(), 400)) ? (
                <div class="alert alert-danger" role="alert">
                  {viaLink() ? t('login.linkInvalid') : t('login.wrong')}
                </div>
              ) : (
                <ProblemAlert problem={err()} fields={{ email: t('login.email'), password: t('login.password') }} />
              )
            }
          </Show>
        </div>
        <SignInMethodNotes methods={methods()} spidHref={spidHref} />
        <Show when={passwordOn()}>
          <form class="sc-form" onSubmit={submit} novalidate={false}>
            <div class="sc-field">
              <FieldLabel for="login-email" label={t('login.email')} required />
              <input
                id="login-email"
                name="email"
                type="email"
                class="form-control"
                autocomplete="username"
                required
                aria-describedby="login-email-help"
                value={email()}
                onInput={(e) => setEmail(e.currentTarget.value)}
              />
              <small id="login-email-help" class="form-text">
                {t('login.emailHelp')}
              </small>
            </div>
            <div class="sc-field">
              <FieldLabel for="login-password" label={t('login.password')} required />
              <input
                id="login-password"
                name="password"
                type="password"
                class="form-control"
                autocomplete="current-password"
                required
                value={password()}
                onInput={(e) => setPassword(e.currentTarget.value)}
              />
            </div>
            <button type="submit" class="btn btn-primary" disabled={op.pending()} aria-busy={op.pending()}>
              {t('login.submit')}
            </button>
            <Show when={op.pending()}>
              <span class="ms-2" role="status">
                {t('login.signingIn')}
              </span>
            </Show>
          </form>

          <MagicLinkRequest email={email} op={link} needEmail={needEmail()} setNeedEmail={setNeedEmail} onStart={op.reset} />
        </Show>
      </div>
    </div>
  )
}

/** The SPID/CIE button when configured, and who may use a password here. */
function SignInMethodNotes(props: { methods: SignInMethods | undefined; spidHref: (start: string) => string }) {
  const passwordOn = () => props.methods?.password !== 'off'
  return (
    <>
      <Show when={props.methods?.oidc}>
        {(oidc) => (
          <div class="sc-spid mb-5">
            <SpidButton label={oidc().label} href={props.spidHref(oidc().start)} describedBy="spid-help" />
            <p id="spid-help" class="mt-2 mb-0">
              {t('spid.buttonHelp')}
            </p>
          </div>
        )}
      </Show>
      <Show when={props.methods?.oidc && passwordOn()}>
        <h2 class="h4">{t('spid.staffTitle')}</h2>
      </Show>
      <Show when={props.methods?.password === 'staff'}>
        <p>{t('spid.staffOnly')}</p>
      </Show>
      <Show when={!passwordOn()}>
        <p>{t('spid.passwordOff')}</p>
      </Show>
    </>
  )
}

/**
 * "Receive a sign-in link by email" for the address typed in the form above: the server answers alike whether
 * or not the account exists (the page says the link is on its way either way). Its operation is the page's, so
 * that signing in clears its message; `onStart` clears the sign-in's.
 */
function MagicLinkRequest(props: {
  email: () => string
  op: Operation
  needEmail: boolean
  setNeedEmail: (need: boolean) => void
  onStart: () => void
}) {
  const op = props.op
  const askLink = async (e: Event) => {
    e.preventDefault()
    props.onStart()
    if (!props.email().includes('@')) {
      op.reset()
      props.setNeedEmail(true)
      document.getElementById('login-email')?.focus()
      return
    }
    props.setNeedEmail(false)
    await op.run(() => api.post('/auth/magic-link', { email: props.email().trim() }), t('login.magicSent'))
  }

  // Not a labelled region: its name would also match a search for the label "Password".
  return (
    <div class="mt-5">
      <h2 class="h4">{t('login.magicTitle')}</h2>
      <p>{t('login.magicIntro')}</p>
      <form onSubmit={askLink}>
        <button type="submit" class="btn btn-outline-primary" disabled={op.pending()} aria-busy={op.pending()}>
          {t('login.magicSubmit')}
        </button>
        <Show when={op.pending()}>
          <span class="ms-2" role="status">
            {t('login.magicSending')}
          </span>
        </Show>
      </form>
      <div aria-live="polite" class="mt-2">
        <Show when={props.needEmail}>
          <p class="alert alert-warning">{t('login.magicNeedEmail')}</p>
        </Show>
        <Show when={op.done()}>{(message) => <Success>{message()}</Success>}</Show>
        <Show when={op.problem()}>
          <ProblemAlert problem={op.problem()} />
        </Show>
      </div>
    </div>
  )
}

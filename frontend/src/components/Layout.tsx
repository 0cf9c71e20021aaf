import { A, type RouteSectionProps, useIsRouting, useLocation, useNavigate } from '@solidjs/router'
import { createEffect, createSignal, For, on, Show, Suspense } from 'solid-js'
import { locale, t, tn } from '../i18n/index.ts'
import { clientConfig } from '../lib/config.ts'
import { useSession } from '../session/session.tsx'
import { navFor } from './nav.ts'
import { createPendingCount } from './pending-badge.ts'
import { Loading } from './States.tsx'
import { Toaster } from './Toast.tsx'

/** Page frame in the style of the Italian public administration: slim header, brand, nav, footer, toasts. */
export function Layout(props: RouteSectionProps) {
  const session = useSession()
  const location = useLocation()
  const isRouting = useIsRouting()
  const [menuOpen, setMenuOpen] = createSignal(false)
  let main: HTMLElement | undefined

  // After a client-side navigation, move focus to the new page so keyboard and screen-reader users start there.
  createEffect(
    on(
      () => location.pathname,
      () => {
        setMenuOpen(false)
        queueMicrotask(() => main?.focus({ preventScroll: true }))
      },
      { defer: true },
    ),
  )

  const me = () => (session.user.loading ? undefined : session.user())

  return (
    <>
      <a class="visually-hidden-focusable sc-skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <header class="it-header-wrapper sc-header">
        <SlimHeader me={me()} />
        <BrandRow menuOpen={menuOpen()} onToggleMenu={() => setMenuOpen(!menuOpen())} />
        <MainNav me={me()} open={menuOpen()} />
      </header>
      <main id="main" tabindex="-1" ref={main} class="container sc-main" aria-busy={isRouting()}>
        <Suspense fallback={<Loading />}>{props.children}</Suspense>
      </main>
      <Toaster />
      <Footer />
    </>
  )
}

type Me = ReturnType<ReturnType<typeof useSession>['user']>

/** The slim bar: the Comune, the language switch, sign in or the person signed in and sign out. */
function SlimHeader(props: { me: Me | undefined }) {
  const session = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  const signOut = async () => {
    await session.signOut()
    navigate('/')
  }
  return (
    <div class="it-header-slim-wrapper">
      <div class="container">
        <div class="sc-slim">
          <a class="it-header-slim-wrapper-content text-white" href={clientConfig.comuneUrl}>
            {t('app.owner')}
          </a>
          <div class="sc-slim-right">
            <button
              type="button"
              class="btn btn-sm sc-lang"
              lang={locale() === 'it' ? 'en' : 'it'}
              aria-label={t('app.switchToLabel')}
              onClick={() => session.changeLocale(locale() === 'it' ? 'en' : 'it')}
            >
              {t('app.switchTo')}
            </button>
            <Show
              when={props.me}
              fallback={
                <Show when={location.pathname !== '/login'}>
                  <A class="btn btn-sm btn-primary sc-login" href="/login">
                    {t('nav.login')}
                  </A>
                </Show>
              }
            >
              {(user) => (
                <>
                  <span class="sc-user" title={t('nav.signedInAs', { name: user().name })}>
                    {user().name}
                  </span>
                  <button type="button" class="btn btn-sm btn-outline-light sc-logout" onClick={signOut}>
                    {t('nav.logout')}
                  </button>
                </>
              )}
            </Show>
          </div>
        </div>
      </div>
    </div>
  )
}

function BrandRow(props: { menuOpen: boolean; onToggleMenu: () => void }) {
  return (
    <div class="it-header-center-wrapper sc-center">
      <div class="container">
        <div class="sc-brand-row">
          <A href="/" class="sc-brand" end>
            <span class="sc-brand-mark" aria-hidden="true">
              SC
            </span>
            <span>
              <span class="sc-brand-title">{t('app.name')}</span>
              <span class="sc-brand-tagline">{t('app.tagline')}</span>
            </span>
          </A>
          <button
            type="button"
            class="btn btn-outline-light btn-sm sc-menu-toggle"
            aria-expanded={props.menuOpen}
            aria-controls="main-nav"
            onClick={() => props.onToggleMenu()}
          >
            {t('app.menu')}
          </button>
        </div>
      </div>
    </div>
  )
}

/** The pages the person may use, by role; staff who approve see how many requests wait. */
function MainNav(props: { me: Me | undefined; open: boolean }) {
  const location = useLocation()
  // asked again on each page change
  const pending = createPendingCount(() => {
    const role = props.me?.role
    return (role === 'operator' || role === 'admin') && location.pathname
  })
  return (
    <nav id="main-nav" class="sc-nav" classList={{ open: props.open }} aria-label={t('app.mainNav')}>
      <div class="container">
        <ul>
          <For each={navFor(props.me)}>
            {(item) => (
              <li>
                <A href={item.href} end={item.end} activeClass="active">
                  {t(item.label)}
                  <Show when={item.badge === 'pendingApprovals' && pending() > 0}>
                    {' '}
                    <span class="sc-nav-badge" data-testid="pending-approvals">
                      {pending()}
                      <span class="visually-hidden"> {tn('nav.pendingApprovals', pending())}</span>
                    </span>
                  </Show>
                </A>
              </li>
            )}
          </For>
        </ul>
      </div>
    </nav>
  )
}

function Footer() {
  return (
    <footer class="it-footer sc-footer">
      <div class="container py-4">
        <p class="fw-semibold mb-1">
          {t('app.owner')} — {t('app.name')}
        </p>
        <p class="mb-3">{t('app.footerText')}</p>
        <ul class="sc-footer-links">
          <li>
            <a href={clientConfig.accessibilityUrl}>{t('app.accessibility')}</a>
          </li>
          <li>
            {/* a full page load: the server answers with the Comune's notice when PRIVACY_URL is set */}
            <a href="/privacy" rel="external">
              {t('privacy.footerLink')}
            </a>
          </li>
          <li>
            <a href={`mailto:${clientConfig.feedbackEmail}`}>
              {t('app.feedback')}: {clientConfig.feedbackEmail}
            </a>
          </li>
        </ul>
      </div>
    </footer>
  )
}

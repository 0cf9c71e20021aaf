import { A } from '@solidjs/router'
import { Show } from 'solid-js'
import { PageTitle } from '../components/PageTitle.tsx'
import { t } from '../i18n/index.ts'
import { useSession } from '../session/session.tsx'

/**
 * The built-in privacy notice. With PRIVACY_URL set the server answers /privacy with a redirect to the
 * Comune's own page instead (the footer's link is a full page load, so it always asks the server).
 */
export default function PrivacyPage() {
  const session = useSession()
  const sections = [
    ['privacy.controllerTitle', 'privacy.controller'],
    ['privacy.purposeTitle', 'privacy.purpose'],
    ['privacy.dataTitle', 'privacy.data'],
    ['privacy.retentionTitle', 'privacy.retention'],
    ['privacy.rightsTitle', 'privacy.rights'],
  ] as const
  return (
    <>
      <PageTitle lead={t('privacy.lead')}>{t('privacy.title')}</PageTitle>
      <div>
        {sections.map(([title, text]) => (
          <section>
            <h2 class="h4">{t(title)}</h2>
            <p>{t(text)}</p>
          </section>
        ))}
        <section>
          <h2 class="h4">{t('privacy.exportTitle')}</h2>
          <p>{t('privacy.exportText')}</p>
          <Show when={session.user()} fallback={<A href="/login?next=/privacy">{t('privacy.exportSignIn')}</A>}>
            <a class="btn btn-primary" href="/api/v1/me/export" download="spazi-comuni-dati-personali.json">
              {t('privacy.exportButton')}
            </a>
          </Show>
        </section>
      </div>
    </>
  )
}

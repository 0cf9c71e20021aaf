import { createResource, createSignal, Show } from 'solid-js'
import { getTeamCalendarUrl } from '../api/bookings.ts'
import { subscriptionLinks } from '../api/calendars.ts'
import { t } from '../i18n/index.ts'
import { ProblemAlert } from './ProblemAlert.tsx'

/**
 * "Aggiungi al calendario": one click subscribes the device calendar (webcal://), Google Calendar or Outlook to
 * the team's secret feed; the address itself can be copied for any other calendar.
 */
export function CalendarSubscribe(props: { teamId: string; teamName: string; idPrefix: string; headingLevel?: 2 | 3 }) {
  const [feed] = createResource(
    () => props.teamId,
    async (id) => {
      try {
        return { url: (await getTeamCalendarUrl(id)).url, problem: undefined }
      } catch (problem) {
        return { url: '', problem }
      }
    },
  )
  const [copied, setCopied] = createSignal(false)
  const links = () => (feed()?.url ? subscriptionLinks(feed()?.url ?? '', `Spazi Comuni · ${props.teamName}`) : undefined)
  const inputId = () => `${props.idPrefix}-feed-url`
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(feed()?.url ?? '')
      setCopied(true)
    } catch {
      ;(document.getElementById(inputId()) as HTMLInputElement | null)?.select()
    }
  }
  const headingId = () => `${props.idPrefix}-subscribe-title`
  return (
    <section class="sc-subscribe" aria-labelledby={headingId()}>
      <Show
        when={props.headingLevel === 3}
        fallback={
          <h2 id={headingId()} class="h5 mb-1">
            {t('calendar.subscribeTitle')}
          </h2>
        }
      >
        <h3 id={headingId()} class="h5 mb-1">
          {t('calendar.subscribeTitle')}
        </h3>
      </Show>
      <p class="small mb-2">{t('calendar.subscribeIntro')}</p>
      <Show when={!feed.loading} fallback={<p class="small mb-0">{t('calendar.subscribeLoading')}</p>}>
        <Show when={links()} fallback={<ProblemAlert problem={feed()?.problem} />}>
          {(l) => (
            <>
              <div class="sc-subscribe-links">
                <a class="btn btn-primary btn-sm" href={l().webcal}>
                  {t('calendar.subscribeDevice')}
                </a>
                <a class="btn btn-outline-primary btn-sm" href={l().google} target="_blank" rel="noopener noreferrer">
                  {t('calendar.subscribeGoogle')}
                  <span class="visually-hidden"> {t('calendar.subscribeNewWindow')}</span>
                </a>
                <a class="btn btn-outline-primary btn-sm" href={l().outlook} target="_blank" rel="noopener noreferrer">
                  {t('calendar.subscribeOutlook')}
                  <span class="visually-hidden"> {t('calendar.subscribeNewWindow')}</span>
                </a>
              </div>
              <details>
                <summary class="small">{t('calendar.subscribeAddress')}</summary>
                <div class="sc-field mt-2">
                  <label for={inputId()}>{t('bookings.feedLabel')}</label>
                  <div class="d-flex flex-wrap gap-2">
                    <input
                      id={inputId()}
                      class="form-control sc-feed-url"
                      readOnly
                      value={feed()?.url ?? ''}
                      style={{ flex: '1 1 16rem' }}
                      onFocus={(e) => e.currentTarget.select()}
                    />
                    <button type="button" class="btn btn-outline-primary" onClick={copy}>
                      {t('common.copy')}
                    </button>
                  </div>
                  <p class="small mt-1 mb-0">{t('calendar.subscribeSecret')}</p>
                  <p aria-live="polite" class="small mt-1 mb-0">
                    {copied() ? t('common.copied') : ''}
                  </p>
                </div>
              </details>
            </>
          )}
        </Show>
      </Show>
    </section>
  )
}

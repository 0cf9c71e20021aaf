import { createAsync, query, revalidate, useLocation, useNavigate, useParams } from '@solidjs/router'
import { createEffect, createSignal, For, Show, Suspense } from 'solid-js'
import { type CheckInPage, checkInByCode, getCheckInPage } from '../api/check-in.ts'
import { isProblem, settle } from '../api/client.ts'
import { createOperation } from '../components/operation.ts'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Empty, Loading, Success } from '../components/States.tsx'
import { ActionButton } from '../components/SubmitButton.tsx'
import { t } from '../i18n/index.ts'
import { formatRange, formatTime } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'
import './check-in/check-in.css'

const readPage = query((code: string) => getCheckInPage(code), 'check-in-page')

/**
 * /check-in/:code — where the lab's QR poster leads a phone: the signed-in member sees the team's bookings of
 * that lab now and checks in with one tap. Anonymous visitors sign in first and come back here.
 */
export default function CheckInRoute() {
  const params = useParams<{ code: string }>()
  const session = useSession()
  const navigate = useNavigate()
  const location = useLocation()
  createEffect(() => {
    if (!session.user.loading && !session.user()) navigate(`/login?next=${encodeURIComponent(location.pathname)}`, { replace: true })
  })
  return (
    <Show when={!session.user.loading && session.user()} fallback={<Loading />}>
      <CheckInView code={params.code} />
    </Show>
  )
}

function CheckInView(props: { code: string }) {
  const page = createAsync(() => settle(readPage(props.code)))
  const value = () => {
    const r = page()
    return r?.ok ? r.value : undefined
  }
  const error = () => {
    const r = page()
    return r && !r.ok ? r.error : undefined
  }
  const [done, setDone] = createSignal('')
  return (
    <div class="sc-check-in">
      <Suspense fallback={<Loading />}>
        <Show when={error()}>
          <PageTitle>{t('checkin.pageTitle')}</PageTitle>
          <Show when={isProblem(error(), 404)} fallback={<ProblemAlert problem={error()} />}>
            <div class="alert alert-warning" role="alert">
              {t('checkin.unknownCode')}
            </div>
          </Show>
        </Show>
        <Show when={value()}>
          {(v) => (
            <>
              <PageTitle lead={`${v().lab.name} · ${v().lab.hubName}`}>{t('checkin.pageTitle')}</PageTitle>
              <p>{t('checkin.lead')}</p>
              <Show when={done()}>
                <Success>{done()}</Success>
              </Show>
              <Show when={v().bookings.length > 0} fallback={<Empty>{t('checkin.nothingNow')}</Empty>}>
                <ul class="list-unstyled sc-check-in-list">
                  <For each={v().bookings}>
                    {(b) => (
                      <BookingCard
                        booking={b}
                        onCheckIn={async () => {
                          const res = await checkInByCode(props.code, b.id)
                          setDone(t('checkin.done', { time: formatTime(res.checkedInAt) }))
                          await revalidate(readPage.keyFor(props.code))
                        }}
                      />
                    )}
                  </For>
                </ul>
              </Show>
            </>
          )}
        </Show>
      </Suspense>
    </div>
  )
}

function BookingCard(props: { booking: CheckInPage['bookings'][number]; onCheckIn: () => Promise<void> }) {
  const op = createOperation()
  const b = () => props.booking
  const checkIn = () => op.run(props.onCheckIn, false)
  return (
    <li class="card sc-check-in-card mb-3">
      <div class="card-body">
        <h2 class="h5 card-title">{b().title}</h2>
        <p class="mb-1">{formatRange(b().start, b().end)}</p>
        <p class="text-muted small mb-3">
          {t('checkin.window', { from: formatTime(b().checkInWindow.opensAt), to: formatTime(b().checkInWindow.closesAt) })}
        </p>
        <Show when={b().checkedInAt}>
          {(at) => <p class="fw-semibold text-success mb-0">{t('checkin.checkedIn', { time: formatTime(at()) })}</p>}
        </Show>
        <Show when={b().releasedAt}>
          <p class="text-danger mb-0">{t('checkin.released')}</p>
        </Show>
        <Show when={!b().checkedInAt && !b().releasedAt}>
          <Show
            when={b().canCheckInNow}
            fallback={<p class="mb-0">{t('checkin.notYet', { time: formatTime(b().checkInWindow.opensAt) })}</p>}
          >
            <ActionButton class="btn btn-primary btn-lg w-100" pending={op.pending()} label={t('checkin.checkIn')} onClick={checkIn} />
          </Show>
        </Show>
        <Show when={op.problem()}>
          <ProblemAlert problem={op.problem()} />
        </Show>
      </div>
    </li>
  )
}

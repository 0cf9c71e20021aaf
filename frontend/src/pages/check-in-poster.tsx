import { createAsync, query, revalidate, useParams } from '@solidjs/router'
import { createSignal, Show, Suspense } from 'solid-js'
import { getCheckInCode, rotateCheckInCode } from '../api/check-in.ts'
import { settle } from '../api/client.ts'
import { ConfirmDialog } from '../components/ConfirmDialog.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { ProblemAlert } from '../components/ProblemAlert.tsx'
import { Loading, Success } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import './check-in/check-in.css'

const readCode = query((labId: string) => getCheckInCode(labId), 'check-in-code')

/**
 * /labs/:id/check-in-poster — staff print the lab's QR poster; "change code" makes a new one at once (the old
 * poster stops working: whoever photographed it can no longer check in from home).
 */
export default function CheckInPosterPage() {
  const params = useParams<{ id: string }>()
  const code = createAsync(() => settle(readCode(params.id)))
  const [open, setOpen] = createSignal(false)
  const [notice, setNotice] = createSignal('')
  return (
    <Suspense fallback={<Loading />}>
      <Show when={code()}>
        {(c) => (
          <Show
            when={c().ok && (c() as { ok: true; value: Awaited<ReturnType<typeof getCheckInCode>> }).value}
            fallback={<ProblemAlert problem={(c() as { error: unknown }).error} />}
          >
            {(poster) => (
              <div class="sc-poster">
                <div class="sc-no-print">
                  <PageTitle>{t('checkin.poster.title')}</PageTitle>
                  <Show when={notice()}>
                    <Success>{notice()}</Success>
                  </Show>
                  <Show when={!poster().checkInRequired}>
                    <p class="alert alert-info">{t('checkin.poster.notRequired')}</p>
                  </Show>
                  <div class="d-flex flex-wrap gap-2 justify-content-center mb-4">
                    <button type="button" class="btn btn-primary" onClick={() => window.print()}>
                      {t('checkin.poster.print')}
                    </button>
                    <button type="button" class="btn btn-outline-danger" onClick={() => setOpen(true)}>
                      {t('checkin.poster.rotate')}
                    </button>
                  </div>
                </div>
                <section class="sc-poster-sheet border rounded p-4" aria-label={t('checkin.poster.heading')}>
                  <p class="h2 mb-1">{t('checkin.poster.heading')}</p>
                  <p class="h4 mb-0">{poster().labName}</p>
                  <p class="text-muted">{poster().hubName}</p>
                  {/* the server made this SVG from our own URL with the qrcode package: no user text inside */}
                  <div class="sc-poster-code my-3" role="img" aria-label={poster().url} innerHTML={poster().svg} />
                  <p class="lead">{t('checkin.poster.instructions')}</p>
                  <p class="mb-0">{t('checkin.poster.fallback')}</p>
                  <p class="sc-poster-url fw-semibold" data-testid="check-in-url">
                    {poster().url}
                  </p>
                </section>
                <ConfirmDialog
                  open={open()}
                  onOpenChange={setOpen}
                  title={t('checkin.poster.rotateTitle')}
                  description={t('checkin.poster.rotateBody')}
                  confirmLabel={t('checkin.poster.rotate')}
                  danger
                  onConfirm={async () => {
                    await rotateCheckInCode(params.id)
                    await revalidate(readCode.keyFor(params.id))
                    setNotice(t('checkin.poster.rotated'))
                  }}
                />
              </div>
            )}
          </Show>
        )}
      </Show>
    </Suspense>
  )
}

import { createMemo, createSignal } from 'solid-js'
import { type StaffBooking, staffApi } from '../../../api/staff.ts'
import { latestToast, toast } from '../../../components/Toast.tsx'
import { t } from '../../../i18n/index.ts'
import { refreshBookings } from '../booking-actions.tsx'
import { whenInWords } from '../booking-details.tsx'

export type Verb = 'approve' | 'reject'

/**
 * The queue's choice and its bulk actions: which requests are ticked, and approving or rejecting them one
 * request at a time, in order, so that the progress and each failure can be told. What happened goes to the
 * shared toast: how many were done, and each failure with the request it concerns.
 */
export function createBulk(items: () => StaffBooking[]) {
  const [chosen, setChosen] = createSignal<Set<string>>(new Set())
  const [progress, setProgress] = createSignal<{ done: number; total: number; verb: Verb }>()
  const selected = createMemo(() => items().filter((b) => chosen().has(b.id)))

  const toggle = (id: string, on: boolean) => {
    const next = new Set(chosen())
    if (on) next.add(id)
    else next.delete(id)
    setChosen(next)
  }

  const run = async (verb: Verb, targets: StaffBooking[], why = '') => {
    let failed = 0
    setProgress({ done: 0, total: targets.length, verb })
    for (const [i, b] of targets.entries()) {
      try {
        if (verb === 'approve') await staffApi.approve(b.id)
        else await staffApi.reject(b.id, why)
      } catch (problem) {
        failed++
        toast.error(problem, t('staff.approvals.failedFor', { title: b.title, when: whenInWords(b) }))
      }
      setProgress({ done: i + 1, total: targets.length, verb })
    }
    const ok = targets.length - failed
    setProgress(undefined)
    if (ok > 0 || failed === 0)
      toast.success(verb === 'approve' ? t('staff.approvals.approvedN', { n: ok }) : t('staff.approvals.rejectedN', { n: ok }))
    setChosen(new Set<string>())
    await refreshBookings()
    // The row whose button was pressed is gone: the focus goes to what was said about it.
    if (!document.activeElement || document.activeElement === document.body) latestToast()?.focus()
  }

  return {
    chosen,
    selected,
    progress,
    busy: () => Boolean(progress()),
    allChosen: () => items().length > 0 && items().every((b) => chosen().has(b.id)),
    toggle,
    toggleAll: (on: boolean) => setChosen(on ? new Set(items().map((b) => b.id)) : new Set<string>()),
    only: (id: string) => setChosen(new Set([id])),
    run,
  }
}

export type Bulk = ReturnType<typeof createBulk>

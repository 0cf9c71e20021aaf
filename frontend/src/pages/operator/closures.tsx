import { createAsync } from '@solidjs/router'
import { createMemo, createSignal, For, Show } from 'solid-js'
import { getClosures, staffApi } from '../../api/staff.ts'
import type { Closure, Hub, Lab, Role } from '../../api/types.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { Pager, pageOf, StaffTable } from '../../components/kit.tsx'
import { AsyncBoundary, Empty } from '../../components/States.tsx'
import { latestToast, toast } from '../../components/Toast.tsx'
import { t } from '../../i18n/index.ts'
import { formatClosure, today } from '../../lib/format.ts'
import { NewClosure, refreshClosures } from './new-closure.tsx'

const PAGE = 20

/** Closures of the hub (whole hub, one lab, or every hub): the coming ones, a form to add one, deletion with confirmation. */
export function Closures(props: { hub: Hub; labs: Lab[]; role: Role }) {
  return (
    <section aria-labelledby="closures-title">
      <h2 id="closures-title" class="h4">
        {t('staff.closures.title')}
      </h2>
      <p>{t('staff.closures.intro')}</p>
      <NewClosure hub={props.hub} labs={props.labs} />
      <h3 class="h5 mt-4">{t('staff.closures.upcoming')}</h3>
      <AsyncBoundary>
        <ClosureList hub={props.hub} labs={props.labs} role={props.role} />
      </AsyncBoundary>
    </section>
  )
}

function ClosureList(props: { hub: Hub; labs: Lab[]; role: Role }) {
  const closures = createAsync(() => getClosures(props.hub.id, `${today()}T00:00`))
  const [offset, setOffset] = createSignal(0)
  const [toDelete, setToDelete] = createSignal<Closure>()
  const labIds = () => new Set(props.labs.map((l) => l.id))
  const now = Date.now()
  const relevant = createMemo(() =>
    (closures() ?? [])
      .filter((c) => c.hubId === props.hub.id || (c.labId && labIds().has(c.labId)) || (!c.hubId && !c.labId))
      .filter((c) => new Date(c.end).getTime() >= now)
      .sort((a, b) => a.start.localeCompare(b.start)),
  )
  const scopeOf = (c: Closure) => {
    if (c.labId) return t('staff.closures.onlyLab', { lab: props.labs.find((l) => l.id === c.labId)?.name ?? '' })
    if (c.hubId) return t('staff.closures.wholeHub', { hub: props.hub.name })
    return t('staff.closures.everyHub')
  }
  const canDelete = (c: Closure) => props.role === 'admin' || Boolean(c.hubId || c.labId)

  return (
    <>
      <Show when={relevant().length > 0} fallback={<Empty>{t('staff.closures.empty')}</Empty>}>
        <StaffTable
          caption={t('staff.closures.upcoming')}
          columns={['staff.common.when', 'staff.closures.scope', 'staff.closures.reason', 'common.actions']}
        >
          <For each={pageOf(relevant(), offset(), PAGE)}>
            {(c) => (
              <tr>
                <td>{formatClosure(c.start, c.end)}</td>
                <td>{scopeOf(c)}</td>
                <td>{c.reason}</td>
                <td>
                  <Show when={canDelete(c)}>
                    <button type="button" class="btn btn-outline-danger btn-sm" onClick={() => setToDelete(c)}>
                      {t('staff.closures.delete')}
                      <span class="visually-hidden"> {c.reason}</span>
                    </button>
                  </Show>
                </td>
              </tr>
            )}
          </For>
        </StaffTable>
        <Pager total={relevant().length} offset={offset()} limit={PAGE} onChange={setOffset} />
      </Show>
      <ConfirmDialog
        open={Boolean(toDelete())}
        onOpenChange={(open) => !open && setToDelete(undefined)}
        title={t('staff.closures.deleteTitle')}
        description={toDelete() ? `${toDelete()?.reason}: ${formatClosure(toDelete()?.start ?? '', toDelete()?.end ?? '')}` : ''}
        confirmLabel={t('staff.closures.delete')}
        danger
        focusFallback={latestToast}
        onConfirm={async () => {
          const c = toDelete()
          if (!c) return
          await staffApi.deleteClosure(c.id)
          await refreshClosures()
          toast.success(t('staff.closures.deleted'))
        }}
      />
    </>
  )
}

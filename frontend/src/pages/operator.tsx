import { createAsync, useSearchParams } from '@solidjs/router'
import { createMemo, Show } from 'solid-js'
import { getHubs, getLabs } from '../api/catalogue.ts'
import { getConcessions, getTeamsLookup } from '../api/staff.ts'
import type { Role } from '../api/types.ts'
import { SelectField, StaffGate, StaffTabs } from '../components/kit.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary, Empty } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { today } from '../lib/format.ts'
import { useSession } from '../session/session.tsx'
import { Approvals } from './operator/approvals.tsx'
import { Attendance } from './operator/attendance.tsx'
import { Board } from './operator/board.tsx'
import { Closures } from './operator/closures.tsx'
import { Equipment } from './operator/equipment.tsx'
import { OpeningHoursEditor } from './operator/hours.tsx'
import { managedHubIds } from './operator/managed-hubs.ts'

/** /operator: the hub's schedule board, the approval queue, closures, hours, attendance and equipment. */
export default function OperatorPage() {
  return (
    <>
      <PageTitle lead={t('staff.operator.lead')}>{t('staff.operator.title')}</PageTitle>
      <StaffGate roles={['operator', 'admin']}>
        <AsyncBoundary>
          <OperatorHome />
        </AsyncBoundary>
      </StaffGate>
    </>
  )
}

function OperatorHome() {
  const session = useSession()
  const [params, setParams] = useSearchParams<{ hub?: string }>()
  const me = () => session.user()
  const hubs = createAsync(() => getHubs())
  const labs = createAsync(() => getLabs())
  // The Comune manages every hub; operator staff the hubs of their concessions in force.
  const concessions = createAsync(() => (me()?.role === 'operator' ? getConcessions() : Promise.resolve([])))
  const teams = createAsync(() => getTeamsLookup())

  const managed = createMemo(() => {
    const user = me()
    if (!user) return []
    const ids = new Set(managedHubIds(user, hubs() ?? [], concessions() ?? [], today()))
    return (hubs() ?? []).filter((h) => ids.has(h.id)).sort((a, b) => a.name.localeCompare(b.name))
  })
  const hub = () => managed().find((h) => h.id === params.hub) ?? managed()[0]
  const hubLabs = createMemo(() => (labs() ?? []).filter((l) => l.hubId === hub()?.id).sort((a, b) => a.name.localeCompare(b.name)))
  const teamName = (id: string | null) => (id ? teams()?.find((team) => team.id === id)?.name : undefined)

  return (
    <Show when={hub()} fallback={<Empty>{t('staff.operator.noHubs')}</Empty>}>
      {(current) => (
        <>
          <div class="sc-toolbar sc-no-print">
            <Show
              when={managed().length > 1}
              fallback={
                <p class="sc-toolbar-label mb-0">
                  {t('staff.common.hub')}: {current().name}
                </p>
              }
            >
              <SelectField
                id="operator-hub"
                label={t('staff.operator.chooseHub')}
                value={current().id}
                options={managed().map((h) => ({ value: h.id, label: h.name }))}
                onChange={(v) => setParams({ hub: v })}
              />
            </Show>
          </div>
          <Show when={current().id} keyed>
            <StaffTabs
              label={t('staff.operator.sections')}
              tabs={[
                { value: 'board', label: 'staff.operator.tabBoard', content: () => <Board hub={current()} teamName={teamName} /> },
                {
                  value: 'approvals',
                  label: 'staff.operator.tabApprovals',
                  content: () => <Approvals hubs={managed()} teamName={teamName} />,
                },
                {
                  value: 'closures',
                  label: 'staff.operator.tabClosures',
                  content: () => <Closures hub={current()} labs={hubLabs()} role={me()?.role as Role} />,
                },
                { value: 'hours', label: 'staff.operator.tabHours', content: () => <OpeningHoursEditor hub={current()} /> },
                {
                  value: 'attendance',
                  label: 'staff.operator.tabAttendance',
                  content: () => <Attendance hub={current()} labs={hubLabs()} teamName={teamName} />,
                },
                { value: 'equipment', label: 'staff.operator.tabEquipment', content: () => <Equipment hub={current()} labs={hubLabs()} /> },
              ]}
            />
          </Show>
        </>
      )}
    </Show>
  )
}

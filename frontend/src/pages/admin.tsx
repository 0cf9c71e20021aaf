import type { JSX } from 'solid-js'
import { StaffGate, StaffTabs } from '../components/kit.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { UsersTab } from './admin/accounts.tsx'
import { AreasTab, HubsTab, LabsTab } from './admin/catalogue.tsx'
import { AssetsTab, EquipmentTypesTab } from './admin/equipment.tsx'
import { MailboxTab, OutboxTab } from './admin/mail.tsx'
import { ConcessionsTab, GrantsTab, OperatorsTab, TeamsTab } from './admin/organisations.tsx'
import { CertificationKindsTab } from './certifications.tsx'

const boxed = (content: () => JSX.Element) => () => <AsyncBoundary>{content()}</AsyncBoundary>

/** /admin: the Comune's registers (hubs, labs, areas, operators, concessions, teams, grants, users, equipment) and its mail. */
export default function AdminPage() {
  return (
    <>
      <PageTitle lead={t('staff.admin.lead')}>{t('staff.admin.title')}</PageTitle>
      <StaffGate roles={['admin']}>
        <StaffTabs
          label={t('staff.admin.sections')}
          tabs={[
            { value: 'hubs', label: 'staff.admin.hubs', content: boxed(() => <HubsTab />) },
            { value: 'labs', label: 'staff.admin.labs', content: boxed(() => <LabsTab />) },
            { value: 'areas', label: 'staff.admin.areas', content: boxed(() => <AreasTab />) },
            { value: 'operators', label: 'staff.admin.operators', content: boxed(() => <OperatorsTab />) },
            { value: 'concessions', label: 'staff.admin.concessions', content: boxed(() => <ConcessionsTab />) },
            { value: 'teams', label: 'staff.admin.teams', content: boxed(() => <TeamsTab />) },
            { value: 'grants', label: 'staff.admin.grants', content: boxed(() => <GrantsTab />) },
            { value: 'users', label: 'staff.admin.users', content: boxed(() => <UsersTab />) },
            { value: 'equipment', label: 'staff.admin.assets', content: boxed(() => <AssetsTab />) },
            { value: 'equipment-types', label: 'staff.admin.equipmentTypes', content: boxed(() => <EquipmentTypesTab />) },
            { value: 'certification-kinds', label: 'certs.kinds.tab', content: boxed(() => <CertificationKindsTab />) },
            { value: 'outbox', label: 'staff.admin.outbox', content: boxed(() => <OutboxTab />) },
            { value: 'mailbox', label: 'staff.admin.mailbox', content: boxed(() => <MailboxTab />) },
          ]}
        />
      </StaffGate>
    </>
  )
}

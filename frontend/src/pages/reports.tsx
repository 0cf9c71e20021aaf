import { PageTitle } from '../components/PageTitle.tsx'
import { t } from '../i18n/index.ts'

/** Placeholder: the staff pages are being built in their own files. */
export default function ReportsPage() {
  return (
    <>
      <PageTitle>{t('staff.reportsTitle')}</PageTitle>
      <p>{t('app.comingSoon')}</p>
    </>
  )
}

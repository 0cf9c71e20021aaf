import { A } from '@solidjs/router'
import { PageTitle } from '../components/PageTitle.tsx'
import { t } from '../i18n/index.ts'

export default function NotFoundPage() {
  return (
    <>
      <PageTitle>{t('app.notFoundTitle')}</PageTitle>
      <p>{t('app.notFoundText')}</p>
      <A href="/">{t('app.backHome')}</A>
    </>
  )
}

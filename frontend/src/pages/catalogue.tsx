import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { createCatalogue } from './catalogue/filter-state.ts'
import { CatalogueFilters } from './catalogue/filters.tsx'
import { CatalogueResults } from './catalogue/results.tsx'

/** The catalogue: filters (in the URL; folded behind «Filtri» on a phone), then the hubs and their labs. */
export default function CataloguePage() {
  return (
    <>
      <PageTitle lead={t('catalogue.intro')}>{t('catalogue.title')}</PageTitle>
      <AsyncBoundary>
        <Catalogue />
      </AsyncBoundary>
    </>
  )
}

function Catalogue() {
  const state = createCatalogue()
  return (
    <>
      <CatalogueFilters state={state} />
      <CatalogueResults state={state} />
    </>
  )
}

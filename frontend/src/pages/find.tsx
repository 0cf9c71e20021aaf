import { createSignal, onMount } from 'solid-js'
import { FilterPanel } from '../components/FilterPanel.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { t } from '../i18n/index.ts'
import { weekdayName } from '../lib/format.ts'
import { SearchResults } from './find/results.tsx'
import { SearchForm } from './find/search-form.tsx'
import { createSearch } from './find/search-state.ts'

/**
 * "Trova un laboratorio": when and what → labs ranked by how many of the occurrences are free. On a phone the
 * search folds behind «Filtri» once it has answered, so the results come first.
 */
export default function FindPage() {
  const state = createSearch()
  const [open, setOpen] = createSignal(!state.hasSearch())
  // Folded once the results are in; open again when the search was refused, so the phone shows what to mend.
  const submit = async () => setOpen(!(await state.search()))
  // A shared link with the search in it shows the results straight away.
  onMount(() => {
    if (state.hasSearch()) void submit()
  })
  const f = state.fields
  const summary = () =>
    f.days().length > 0
      ? t('filters.searchSummary', {
          days: [...f.days()]
            .sort()
            .map((d) => weekdayName(d))
            .join(', '),
          start: f.start(),
          end: f.end(),
        })
      : ''
  return (
    <>
      <PageTitle lead={t('find.intro')}>{t('find.title')}</PageTitle>
      <FilterPanel id="find-search" active={0} summary={summary()} open={open()} onOpen={setOpen}>
        <SearchForm state={state} onSubmit={() => void submit()} />
      </FilterPanel>
      <SearchResults state={state} />
    </>
  )
}

import { createAsync } from '@solidjs/router'
import { For, Show } from 'solid-js'
import { getBenefits, getDictionary, getProgramme } from '../api/outcomes.ts'
import { TableBox } from '../components/kit.tsx'
import { PageTitle } from '../components/PageTitle.tsx'
import { AsyncBoundary, Empty } from '../components/States.tsx'
import { t } from '../i18n/index.ts'
import { cardTable } from '../lib/card-table.ts'
import { formatDate, formatEuroCents } from '../lib/format.ts'

/** /trasparenza: the public list of economic benefits granted (art. 26–27 D.Lgs. 33/2013), its open data and dictionary. */
export default function TransparencyPage() {
  return (
    <>
      <PageTitle lead={t('outcomes.transparency.lead')}>{t('outcomes.transparency.title')}</PageTitle>
      <AsyncBoundary>
        <Transparency />
      </AsyncBoundary>
    </>
  )
}

function Transparency() {
  const programme = createAsync(() => getProgramme())
  const benefits = createAsync(() => getBenefits())
  const dictionary = createAsync(() => getDictionary())
  const status = (s: string) => t(`outcomes.transparency.${s as 'awarded' | 'conditional' | 'revoked'}`)
  return (
    <>
      <Show when={programme()}>
        {(p) => (
          <section aria-labelledby="programme-heading" class="mb-4">
            <h2 id="programme-heading" class="h4">
              {t('outcomes.transparency.programme')}: {p().title}
            </h2>
            <dl class="row mb-0">
              <dt class="col-sm-3">{t('outcomes.transparency.cup')}</dt>
              <dd class="col-sm-9">{p().cup}</dd>
              <dt class="col-sm-3">{t('outcomes.transparency.code')}</dt>
              <dd class="col-sm-9">
                {p().projectCode} — {p().fund}
              </dd>
              <dt class="col-sm-3">{t('outcomes.transparency.programmed')}</dt>
              <dd class="col-sm-9">{formatEuroCents(p().programmedCents)}</dd>
            </dl>
          </section>
        )}
      </Show>
      <section aria-labelledby="open-data-heading" class="mb-4">
        <h2 id="open-data-heading" class="h4">
          {t('outcomes.transparency.openData')}
        </h2>
        <p>
          <a class="btn btn-outline-primary btn-sm me-2" href="/api/v1/open-data/benefits.csv" download="">
            {t('outcomes.transparency.csv')}
          </a>
          <a class="btn btn-outline-primary btn-sm me-2" href="/api/v1/open-data/benefits.json" download="">
            {t('outcomes.transparency.json')}
          </a>
          <a href="#dizionario">{t('outcomes.transparency.dictionary')}</a>
        </p>
      </section>
      <Show when={(benefits() ?? []).length > 0} fallback={<Empty>{t('outcomes.transparency.empty')}</Empty>}>
        <TableBox label={t('outcomes.transparency.caption')}>
          <table ref={cardTable} class="table table-sm">
            <caption class="visually-hidden">{t('outcomes.transparency.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('outcomes.transparency.beneficiary')}</th>
                <th scope="col">{t('outcomes.transparency.taxCode')}</th>
                <th scope="col" class="text-end">
                  {t('outcomes.transparency.amount')}
                </th>
                <th scope="col">{t('outcomes.transparency.project')}</th>
                <th scope="col">{t('outcomes.transparency.legalBasis')}</th>
                <th scope="col">{t('outcomes.transparency.office')}</th>
                <th scope="col">{t('outcomes.transparency.method')}</th>
                <th scope="col">{t('outcomes.transparency.area')}</th>
                <th scope="col">{t('outcomes.transparency.date')}</th>
                <th scope="col">{t('outcomes.transparency.status')}</th>
              </tr>
            </thead>
            <tbody>
              <For each={benefits()}>
                {(b) => (
                  <tr id={b.awardId}>
                    <th scope="row">{b.beneficiary}</th>
                    <td>{b.taxCode ?? '—'}</td>
                    <td class="text-end text-nowrap">{formatEuroCents(b.amountCents)}</td>
                    <td>{b.projectTitle}</td>
                    <td>{b.legalBasis}</td>
                    <td>{[b.office, b.responsible].filter(Boolean).join(' — ') || '—'}</td>
                    <td>{b.selectionMethod}</td>
                    <td>
                      {b.area ? `${b.area} (NIL ${b.nilId}), ${t('outcomes.transparency.municipio', { n: b.municipio ?? '' })}` : '—'}
                    </td>
                    <td class="text-nowrap">{formatDate(b.awardedOn)}</td>
                    <td>{status(b.status)}</td>
                  </tr>
                )}
              </For>
            </tbody>
          </table>
        </TableBox>
      </Show>
      <section id="dizionario" aria-labelledby="dictionary-heading" class="mt-5">
        <h2 id="dictionary-heading" class="h4">
          {t('outcomes.transparency.dictionary')}
        </h2>
        <p>{t('outcomes.transparency.dictionaryLead')}</p>
        <Show when={dictionary()}>
          {(d) => (
            <>
              <DictionaryTable caption={t('outcomes.transparency.benefitsTable')} entries={d().benefits} />
              <For each={Object.entries(d().programme)}>
                {([table, entries]) => (
                  <DictionaryTable caption={`/api/v1/reports/programme?format=csv&table=${table}`} entries={entries} />
                )}
              </For>
            </>
          )}
        </Show>
      </section>
    </>
  )
}

function DictionaryTable(props: { caption: string; entries: Array<{ column: string; type?: string; description: string }> }) {
  return (
    <TableBox label={props.caption}>
      <table ref={cardTable} class="table table-sm">
        <caption class="caption-top">{props.caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('outcomes.transparency.column')}</th>
            <th scope="col">{t('outcomes.transparency.meaning')}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.entries}>
            {(e) => (
              <tr>
                <th scope="row">
                  <code>{e.column}</code>
                </th>
                <td>{e.description}</td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </TableBox>
  )
}

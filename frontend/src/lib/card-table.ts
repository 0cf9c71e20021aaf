/**
 * Tables that become cards on a phone: below 576 px (styles.css, `table.sc-cards`) each row is a card and each
 * cell shows its column's name before it, taken from the table's header into `data-label`. Use as a ref:
 * `<table ref={cardTable} class="table">`; rows added later are labelled too. A row header (`th scope="row"`)
 * is the card's title and carries no label.
 */
export function cardTable(table: HTMLTableElement) {
  table.classList.add('sc-cards')
  const label = () => {
    const headers = [...(table.tHead?.rows[0]?.cells ?? [])].flatMap((th) => Array(th.colSpan || 1).fill(th.textContent?.trim() ?? ''))
    for (const body of table.tBodies) {
      for (const row of body.rows) {
        let column = 0
        for (const cell of row.cells) {
          const name = headers[column] ?? ''
          const title = cell.tagName === 'TH' && cell.getAttribute('scope') === 'row'
          if (name && !title) {
            if (cell.dataset.label !== name) cell.dataset.label = name
          } else if (cell.dataset.label !== undefined) delete cell.dataset.label
          column += cell.colSpan || 1
        }
      }
    }
  }
  queueMicrotask(label)
  new MutationObserver(label).observe(table, { childList: true, subtree: true, characterData: true })
}

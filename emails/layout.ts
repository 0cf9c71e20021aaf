import { escapeHtml, type Locale } from './format.ts'

export interface RenderedEmail {
  subject: string
  html: string
  text: string
}

/** One block of an email, written once for both the HTML and the plain-text part. */
export type Block =
  | { kind: 'paragraph'; text: string }
  | { kind: 'details'; rows: Array<[label: string, value: string]> }
  | { kind: 'list'; heading: string; items: string[] }
  | { kind: 'button'; label: string; url: string }

const FOOTER = {
  it: 'Spazi Comuni — Comune di Milano. Questa email è stata inviata automaticamente: non rispondere a questo indirizzo.',
  en: 'Spazi Comuni — Comune di Milano. This email was sent automatically: please do not reply to this address.',
}

/** Renders the blocks as HTML (every value escaped here, and only here) and as plain text. */
export function renderLayout(locale: Locale, subject: string, heading: string, blocks: Block[]): RenderedEmail {
  const html = [
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>`,
    '<body style="font-family:\'Titillium Web\',Geneva,Tahoma,sans-serif;color:#1a1a1a;line-height:1.5;max-width:640px;margin:0 auto;padding:16px">',
    `<h1 style="font-size:22px;color:#0066cc">${escapeHtml(heading)}</h1>`,
    ...blocks.map(blockHtml),
    `<hr style="border:none;border-top:1px solid #ccc;margin-top:32px"><p style="font-size:12px;color:#5c6f82">${escapeHtml(FOOTER[locale])}</p>`,
    '</body></html>',
  ].join('\n')
  const text = [heading, '', ...blocks.flatMap((b) => [...blockText(b), '']), '--', FOOTER[locale], ''].join('\n')
  return { subject, html, text }
}

function blockHtml(block: Block): string {
  switch (block.kind) {
    case 'paragraph':
      return `<p>${escapeHtml(block.text)}</p>`
    case 'details':
      return `<table role="presentation" style="border-collapse:collapse">${block.rows
        .map(
          ([label, value]) =>
            `<tr><th scope="row" style="text-align:left;padding:2px 12px 2px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
        )
        .join('')}</table>`
    case 'list':
      return `<p><strong>${escapeHtml(block.heading)}</strong></p><ul>${block.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`
    case 'button':
      return `<p><a href="${escapeHtml(block.url)}" style="display:inline-block;background:#0066cc;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(block.label)}</a></p>`
  }
}

function blockText(block: Block): string[] {
  switch (block.kind) {
    case 'paragraph':
      return [block.text]
    case 'details':
      return block.rows.map(([label, value]) => `${label}: ${value}`)
    case 'list':
      return [block.heading, ...block.items.map((i) => `- ${i}`)]
    case 'button':
      return [`${block.label}: ${block.url}`]
  }
}

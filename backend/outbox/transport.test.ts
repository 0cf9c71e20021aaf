import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { mailboxFileName, mailboxTransport } from './transport.ts'

const made: string[] = []
afterEach(async () => {
  for (const dir of made.splice(0)) await fs.rm(dir, { recursive: true, force: true })
})

const mail = (id: string) => ({
  id,
  createdAt: new Date('2027-10-19T16:00:00Z'),
  to: 'team@example.org',
  from: 'Spazi Comuni <noreply@example.org>',
  subject: 'Prenotazione confermata',
  html: '<p>Ciao</p>',
  text: 'Ciao',
  attachments: [],
})

describe('the demo mailbox', () => {
  it('writes each message whole as an .eml file, making the directory when it is missing', async () => {
    const root = await fs.mkdtemp(path.join(os.tmpdir(), 'spazi-mailbox-'))
    made.push(root)
    const dir = path.join(root, 'mail')
    const transport = mailboxTransport(dir)
    await transport.send(mail('m1'))
    expect(await fs.readdir(dir)).toEqual([mailboxFileName(mail('m1'))])
    // someone empties the mailbox while the server runs
    await fs.rm(dir, { recursive: true })
    await transport.send(mail('m2'))
    const files = await fs.readdir(dir)
    expect(files).toEqual([mailboxFileName(mail('m2'))])
    const eml = await fs.readFile(path.join(dir, files[0]), 'utf8')
    expect(eml).toContain('Subject: Prenotazione confermata')
    transport.close()
  })
})

import { describe, expect, it } from 'vitest'
import { safeNextPath } from './safe-next.ts'

const SITE = 'https://spazi.comune.milano.it'

describe('where a sign-in may lead', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeNextPath('/bookings/new?labId=1#form', SITE)).toBe('/bookings/new?labId=1#form')
    expect(safeNextPath('/', SITE)).toBe('/')
  })

  it('sends anything that could leave the site to /', () => {
    for (const next of [
      'https://evil.example/',
      'http://spazi.comune.milano.it.evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '\\\\evil.example',
      'javascript:alert(1)',
      'bookings',
      '/\tevil',
      '/%0d%0aSet-Cookie:x',
      '',
      undefined,
      null,
      `/${'a'.repeat(2001)}`,
    ]) {
      const path = safeNextPath(next, SITE)
      expect(path.startsWith('/') && !path.startsWith('//'), String(next)).toBe(true)
      expect(new URL(path, SITE).origin).toBe(SITE)
    }
    expect(safeNextPath('https://evil.example/', SITE)).toBe('/')
    expect(safeNextPath('//evil.example/path', SITE)).toBe('/')
    expect(safeNextPath('/\\evil.example', SITE)).toBe('/')
  })

  it('keeps encoded characters encoded (no header injection)', () => {
    expect(safeNextPath('/%0d%0aSet-Cookie:x', SITE)).toBe('/%0d%0aSet-Cookie:x')
  })
})

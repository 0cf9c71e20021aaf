/**
 * Where to send a person after signing in: only a path of this site, never another origin. Anything else
 * (an absolute URL, `//host`, `/\host` which browsers read as `//host`, control characters) becomes `/`.
 */
export function safeNextPath(next: string | undefined | null, publicUrl: string): string {
  if (!next || next.length > 2000) return '/'
  if (!next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return '/'
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are exactly what is refused
  if (/[\u0000-\u001f\u007f]/.test(next)) return '/'
  const base = new URL(publicUrl)
  let url: URL
  try {
    url = new URL(next, base)
  } catch {
    return '/'
  }
  if (url.origin !== base.origin) return '/'
  return `${url.pathname}${url.search}${url.hash}`
}

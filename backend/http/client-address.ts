import type { IncomingMessage } from 'node:http'
import net from 'node:net'
import type { Context } from 'hono'

/** The reverse proxies named in TRUST_PROXY: only their X-Forwarded-* headers are believed. */
export interface TrustedProxies {
  /** True when the address is one of the proxies (an address or inside a CIDR of the list). */
  has(address: string): boolean
  /** How many entries the list has (0: no proxy is trusted). */
  size: number
}

/** `::ffff:10.0.0.1` (an IPv4 client of a dual-stack socket) is `10.0.0.1`. */
export function normaliseAddress(address: string): string {
  const trimmed = address.trim()
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(trimmed)
  return mapped ? mapped[1] : trimmed
}

/**
 * Reads `10.0.0.1, 192.168.0.0/16, ::1` into a list of proxies; null when an entry is neither an address nor a
 * CIDR (the configuration then stops the process with a message).
 */
export function parseTrustedProxies(value: string): TrustedProxies | null {
  const list = new net.BlockList()
  const entries = value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean)
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/')
    const family = net.isIP(address)
    if (family === 0 || rest.length > 0) return null
    const type = family === 4 ? 'ipv4' : 'ipv6'
    if (prefix === undefined) {
      list.addAddress(address, type)
      continue
    }
    const bits = Number(prefix)
    if (!/^\d+$/.test(prefix) || bits > (family === 4 ? 32 : 128)) return null
    list.addSubnet(address, bits, type)
  }
  return {
    size: entries.length,
    has(address) {
      const a = normaliseAddress(address)
      const family = net.isIP(a)
      return family !== 0 && list.check(a, family === 4 ? 'ipv4' : 'ipv6')
    },
  }
}

/** The TCP peer of the request: the node-server binding (`c.env.incoming`), absent in app.request() tests. */
function socketAddress(c: Context): string | undefined {
  const env = c.env as { incoming?: IncomingMessage } | undefined
  const remote = env?.incoming?.socket?.remoteAddress
  return remote ? normaliseAddress(remote) : undefined
}

export interface ClientInfo {
  /** The client's address as far as it can be trusted; `unknown` without a socket (never in production). */
  address: string
  /** Whether the client reached us over https (directly, or through a trusted proxy that says so). */
  https: boolean
}

/**
 * Who the client is. The socket's address, unless the socket is a trusted proxy: then X-Forwarded-For is read
 * from the right, skipping the trusted proxies, and the first other address is the client (the left-most
 * entries are whatever the client chose to send, so they are never believed on their own).
 */
export function clientInfo(c: Context, trusted: TrustedProxies): ClientInfo {
  const socket = socketAddress(c)
  const direct = { address: socket ?? 'unknown', https: new URL(c.req.url).protocol === 'https:' }
  if (!socket || trusted.size === 0 || !trusted.has(socket)) return direct
  const forwarded = (c.req.header('x-forwarded-for') ?? '')
    .split(',')
    .map((a) => normaliseAddress(a))
    .filter((a) => net.isIP(a) !== 0)
  let address = socket
  for (let i = forwarded.length - 1; i >= 0; i--) {
    address = forwarded[i]
    if (!trusted.has(address)) break
  }
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase()
  return { address, https: proto === 'https' || direct.https }
}

import net from 'node:net'

/**
 * A TCP proxy in front of a database server, to play "the database stops answering": `cut()` drops every
 * connection and refuses new ones (as a stopped server does), `restore()` listens again on the same port.
 */
export async function startTcpProxy(target: { host: string; port: number }) {
  const sockets = new Set<net.Socket>()
  let server: net.Server | null = null
  let port = 0

  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(target.port, target.host)
        for (const socket of [client, upstream]) {
          sockets.add(socket)
          socket.on('close', () => sockets.delete(socket))
          socket.on('error', () => {})
        }
        client.pipe(upstream).pipe(client)
        client.on('close', () => upstream.destroy())
        upstream.on('close', () => client.destroy())
      })
      s.once('error', reject)
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port
        server = s
        resolve()
      })
    })

  await listen()
  return {
    get port() {
      return port
    },
    /** Drops every open connection and stops accepting new ones. */
    async cut() {
      const s = server
      server = null
      for (const socket of sockets) socket.destroy()
      if (s) await new Promise<void>((resolve) => s.close(() => resolve()))
    },
    /** Accepts connections again, on the same port. */
    restore: listen,
    close() {
      return this.cut()
    },
  }
}

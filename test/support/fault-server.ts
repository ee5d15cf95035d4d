// A real HTTP server on 127.0.0.1 that fails on command, for the outbox: each scenario is a
// path `/s/<scenario>?script=503,503,200`, the script saying what its n-th request gets
// (a status, `429~2` for a status with `Retry-After: 2`, `hang`, `reset`); past the script, 200.
// `GET /log/<scenario>` lists what arrived (method, headers, body in base64, answer), so a test
// counts deliveries per `Idempotency-Key`. CORS is open, so browser tests reach it too.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo, Socket } from 'node:net'

/** One request as the server saw it. */
export interface Arrival {
  n: number
  key: string | null
  method: string
  path: string
  headers: Record<string, string>
  body: string
  answer: string
  /** When it arrived, epoch ms (the server's clock, which the test shares). */
  at: number
}

function cors(request: IncomingMessage, response: ServerResponse): void {
  response.setHeader('access-control-allow-origin', '*')
  response.setHeader('access-control-allow-methods', request.headers['access-control-request-method'] ?? 'GET, POST, PUT, PATCH, DELETE')
  response.setHeader('access-control-allow-headers', request.headers['access-control-request-headers'] ?? '*')
  response.setHeader('access-control-expose-headers', 'retry-after, x-arrival, location')
  response.setHeader('access-control-max-age', '600')
}

/** Starts the server; resolves with its origin and a close. */
export async function startFaultServer(): Promise<{ url: string; arrived(scenario: string, count: number): Promise<void>; close(): Promise<void> }> {
  const logs = new Map<string, Arrival[]>()
  const waiters = new Set<() => void>()
  const sockets = new Set<Socket>()
  const server = createServer((request, response) => {
    cors(request, response)
    const url = new URL(request.url ?? '/', 'http://127.0.0.1')
    if (request.method === 'OPTIONS') return void response.writeHead(204).end()
    const [, kind, scenario = ''] = url.pathname.split('/')
    if (kind === 'log') {
      response.setHeader('content-type', 'application/json')
      return void response.end(JSON.stringify(logs.get(scenario) ?? []))
    }
    if (kind === 'target') return void response.writeHead(200, { 'content-type': 'text/plain' }).end('redirected')
    const chunks: Buffer[] = []
    request.on('data', (chunk: Buffer) => chunks.push(chunk))
    request.on('end', () => {
      const log = logs.get(scenario) ?? []
      logs.set(scenario, log)
      const script = (url.searchParams.get('script') ?? '').split(',').filter(Boolean)
      const answer = script[log.length] ?? '200'
      const headers: Record<string, string> = {}
      for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value
      const body = Buffer.concat(chunks)
      queueMicrotask(() => waiters.forEach((check) => check()))
      log.push({ n: log.length + 1, key: headers['idempotency-key'] ?? null, method: request.method ?? '', path: url.pathname, headers, body: body.toString('base64'), answer, at: Date.now() })
      if (answer === 'hang') return
      if (answer === 'reset') return void request.socket.destroy()
      const [status = '200', retryAfter] = answer.split('~')
      const code = Number(status)
      response.setHeader('x-arrival', String(log.length))
      if (retryAfter !== undefined) response.setHeader('retry-after', retryAfter)
      if (code === 302) response.setHeader('location', '/target')
      if (code === 304 || code === 204) return void response.writeHead(code).end()
      response.writeHead(code, { 'content-type': 'application/octet-stream' }).end(body.length ? body : `answer ${answer}`)
    })
  })
  server.on('connection', (socket) => {
    sockets.add(socket)
    socket.on('close', () => sockets.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    /** Resolves once `count` requests of `scenario` have arrived (for a test in the server's process). */
    arrived: (scenario, count) => new Promise<void>((resolve) => {
      const check = (): void => {
        if ((logs.get(scenario)?.length ?? 0) < count) return
        waiters.delete(check)
        resolve()
      }
      waiters.add(check)
      check()
    }),
    close: () => new Promise<void>((resolve) => {
      for (const socket of sockets) socket.destroy()
      server.close(() => resolve())
    }),
  }
}

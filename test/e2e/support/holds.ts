import type { Plugin } from 'vite'

/**
 * Requests to `/__hold?key=…` on the test server that are answered only once the test
 * releases their key: a page that makes one synchronously is frozen (no timers, no events,
 * no settles) for exactly as long as the test wants, on no clock.
 */
export function holdsPlugin(): { plugin: Plugin; release(key: string): void } {
  const released = new Set<string>()
  const waiting = new Map<string, Array<() => void>>()
  const plugin: Plugin = {
    name: 'docket-e2e-holds',
    configureServer(server) {
      server.middlewares.use('/__hold', (request, response) => {
        const key = new URL(request.url ?? '', 'http://test').searchParams.get('key') ?? ''
        // Plain text: Firefox parses a response without a type as XML, and reports its errors.
        const answer = (): void => {
          response.setHeader('Content-Type', 'text/plain')
          response.end('released')
        }
        if (released.has(key)) return answer()
        waiting.set(key, [...(waiting.get(key) ?? []), answer])
      })
    },
  }
  return {
    plugin,
    release(key) {
      released.add(key)
      for (const answer of waiting.get(key) ?? []) answer()
      waiting.delete(key)
    },
  }
}

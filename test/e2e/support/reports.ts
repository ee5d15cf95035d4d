import type { Plugin } from 'vite'

/**
 * Reports that pages POST to `/__report` on the test server: for pages that must speak for
 * themselves, when the driver's session cannot (WebKit's ends with its network process).
 */
export function reportsPlugin(): { plugin: Plugin; next(): Promise<unknown> } {
  const waiting: Array<(body: unknown) => void> = []
  const arrived: unknown[] = []
  const plugin: Plugin = {
    name: 'docket-e2e-reports',
    configureServer(server) {
      server.middlewares.use('/__report', (request, response) => {
        let text = ''
        request.on('data', (chunk: Buffer) => (text += chunk.toString()))
        request.on('end', () => {
          const body: unknown = JSON.parse(text)
          const take = waiting.shift()
          if (take) take(body)
          else arrived.push(body)
          response.setHeader('Content-Type', 'text/plain')
          response.end('ok')
        })
      })
    },
  }
  return {
    plugin,
    next: () => (arrived.length ? Promise.resolve(arrived.shift()) : new Promise((resolve) => waiting.push(resolve))),
  }
}

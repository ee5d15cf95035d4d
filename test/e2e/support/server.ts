import { createServer, type Plugin, type ViteDevServer } from 'vite'
import { alias } from '../../../vitest.config.js'
import { errorWatch } from './error-watch.ts'

/**
 * A Vite dev server of the test's own, on a free loopback port, serving the repo root, so a
 * page at `/test/e2e/<area>/page.html` can import `docket` (aliased to src) and start module
 * workers as users would. Extra headers (e.g. a strict CSP) can be set per test. Every page
 * loads the error watch first (see error-watch.ts).
 */
export async function startServer(options: { root?: string; headers?: Record<string, string>; plugins?: Plugin[] } = {}): Promise<{ url: string; close(): Promise<void>; server: ViteDevServer }> {
  const server = await createServer({
    configFile: false,
    root: options.root ?? process.cwd(),
    logLevel: 'error',
    plugins: [errorWatch(), ...(options.plugins ?? [])],
    resolve: { alias },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, ...(options.headers ? { headers: options.headers } : {}) },
    optimizeDeps: { include: ['idb', 'comlink', 'mitt', 'nanoid'] },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('The test server has no port')
  return { url: `http://127.0.0.1:${address.port}`, server, close: () => server.close() }
}

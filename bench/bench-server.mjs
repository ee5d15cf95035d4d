// The bench's Vite server: the repo root, docket aliased to src as in the tests, in production mode.
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { createServer, loadConfigFromFile } from 'vite'

const root = fileURLToPath(new URL('..', import.meta.url))

/** Starts it on a free loopback port; resolves with the server and the bench page's URL. */
export async function startServer() {
  // The aliases the tests use (docket → src/index.ts, docket/worker → src/worker.ts), from vitest.config.ts.
  const loaded = await loadConfigFromFile({ command: 'serve', mode: 'production' }, join(root, 'vitest.config.ts'), root, 'silent')
  const alias = loaded?.config.resolve?.alias
  if (!alias?.docket || !alias['docket/worker']) throw new Error('vitest.config.ts no longer exports the docket aliases')
  const server = await createServer({
    configFile: false,
    root,
    // Production mode: workbox and others drop their development-only checks and logging.
    mode: 'production',
    define: { 'process.env.NODE_ENV': JSON.stringify('production') },
    // Apart from the tests' cache, so that running both at once does not re-optimize under them.
    cacheDir: join(root, 'node_modules/.vite-bench'),
    logLevel: 'error',
    resolve: { alias },
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false },
    optimizeDeps: {
      entries: ['bench/index.html', 'bench/bench-jobs.worker.ts', 'bench/workbox.sw.ts'],
      include: ['idb', 'comlink', 'mitt', 'nanoid', 'p-queue', 'workbox-background-sync', '@workglow/job-queue', '@workglow/indexeddb/job-queue'],
    },
  })
  await server.listen()
  const address = server.httpServer?.address()
  if (!address || typeof address === 'string') throw new Error('the bench server has no port')
  return { server, url: `http://127.0.0.1:${address.port}/bench/index.html` }
}

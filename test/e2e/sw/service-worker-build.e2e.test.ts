// The page and service worker of service-worker.e2e.test.ts built by Vite as the README says
// (the worker an entry of its own, `sw.js` at the root, every other chunk hashed) and served as
// built, in every engine: a production bundle has no `import()` the worker may run, and Vite's
// preload helper, which reads `document`, must not run in it.
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { build, preview } from 'vite'
import { alias } from '../../../vitest.config.js'
import { engineFixture } from '../support/engine-fixture.ts'
import { schedulesAndFlowsInServiceWorker } from './schedules-and-flows'
import { pageUrl, swReady } from './support'

async function buildAndServe(): Promise<{ url: string; close(): Promise<void> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'docket-sw-build-'))
  // A production build, as `vite build` makes (Vitest sets NODE_ENV to `test`, which Vite's
  // build would keep, leaving `import.meta.env.DEV` true).
  const nodeEnv = process.env.NODE_ENV
  process.env.NODE_ENV = 'production'
  await build({
    configFile: false,
    root: process.cwd(),
    logLevel: 'error',
    resolve: { alias },
    build: {
      outDir,
      emptyOutDir: true,
      rollupOptions: {
        input: { main: 'test/e2e/sw/page.html', sw: 'test/e2e/sw/sw.ts' },
        output: { entryFileNames: (chunk) => (chunk.name === 'sw' ? 'sw.js' : 'assets/[name]-[hash].js') },
      },
    },
  }).finally(() => void (process.env.NODE_ENV = nodeEnv))
  const server = await preview({ configFile: false, root: process.cwd(), logLevel: 'error', build: { outDir }, preview: { host: '127.0.0.1', port: 0 } })
  const address = server.httpServer.address()
  if (!address || typeof address === 'string') throw new Error('The preview server has no port')
  return {
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await server.close()
      await rm(outDir, { recursive: true, force: true })
    },
  }
}

const e2e = engineFixture(buildAndServe)

async function fresh() {
  const page = await (await e2e.newContext()).open(pageUrl(e2e.url))
  await swReady(page)
  return page
}

schedulesAndFlowsInServiceWorker(fresh)

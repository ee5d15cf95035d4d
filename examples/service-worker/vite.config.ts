import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// `npx vite examples/service-worker`: Chromium serves a module service worker from Vite's dev
// server as is. The example imports docket by its name; here the name leads to the sources.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  cacheDir: fileURLToPath(new URL('../../node_modules/.vite-example-sw', import.meta.url)),
  resolve: {
    alias: {
      'docket/worker': fileURLToPath(new URL('../../src/worker.ts', import.meta.url)),
      docket: fileURLToPath(new URL('../../src/index.ts', import.meta.url)),
    },
  },
  optimizeDeps: { include: ['idb', 'comlink', 'mitt', 'nanoid'] },
})

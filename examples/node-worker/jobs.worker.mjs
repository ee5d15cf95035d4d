// A worker_threads entry. Plain JavaScript: Node 20 cannot start a worker from a .ts file
// (bundle one with esbuild, platform node, if you write your jobs in TypeScript).
import { isMainThread } from 'node:worker_threads'
import { serveJobs } from 'docket/worker'

serveJobs({
  async hash({ text }, ctx) {
    ctx.progress(50)
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))
    return { inWorker: !isMainThread, sha256: Buffer.from(digest).toString('hex') }
  },
})

// examples/node-worker and examples/edge, run by Node in an app that installed the packed
// tarball: `import 'docket'` there is the published package, not src/.
import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { afterAll, expect, it } from 'vitest'
import { createPackedApp, type PackedApp, type PackedAppOptions } from './packed-app'

const run = promisify(execFile)
const apps: PackedApp[] = []

afterAll(() => Promise.all(apps.map((app) => app.remove())))

/** Runs `node main.mjs` in an app holding the example; its stdout once it exits. */
async function runExample(folder: string, signal: AbortSignal, options: PackedAppOptions = {}): Promise<string> {
  const app = await createPackedApp({ ...options, copy: [new URL(`../../examples/${folder}/`, import.meta.url)] })
  apps.push(app)
  // A queue left open would keep Node alive: the example must exit by itself.
  const { stdout } = await run(process.execPath, ['main.mjs'], { cwd: app.dir, signal })
  return stdout
}

it('node-worker: hashes three texts in worker threads, reporting progress from each', async ({ signal }) => {
  const output = await runExample('node-worker', signal)
  expect(output.match(/^\S+ 50%$/gm)).toHaveLength(3)
  expect(output.match(/inWorker: true/g)).toHaveLength(3)
  // SHA-256 of 'a', 'b' and 'c', in the order added.
  expect(output.match(/[\da-f]{64}/g)).toEqual([
    'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
    '3e23e8160039594a33894f6564e1b1348bbd7a0088d42c4acb73eeaed59c009d',
    '2e7d2c03a9507ae265ecf5b5356885a53393a2029d241394997265a1a25aefc6',
  ])
}, 120_000)

it('edge: says which storage to pass, then runs on memory and on an IndexedDB shim', async ({ signal }) => {
  const output = await runExample('edge', signal, { dependencies: ['fake-indexeddb'] })
  const lines = output.trim().split('\n')
  expect(lines[0]).toMatch(/^true .*memoryStorage\(\)/)
  expect(lines.slice(1)).toEqual(['true hello edge (attempt 2)', 'hello shim (attempt 2)'])
}, 120_000)

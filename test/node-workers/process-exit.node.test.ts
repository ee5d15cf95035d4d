// Timers and idle workers only keep a queue responsive: they must not hold a Node process open.
// A script that forgets `queue.close()` exits once its job is done; a running job still holds it,
// and so does a live schedule, until `close()`.
import { spawn } from 'node:child_process'
import { expect, it, onTestFinished } from 'vitest'
import { bundleForNode } from '../support/node-worker'

/** Runs a bundled script with Node; resolves with its exit code and output once it exits by itself. */
function run(script: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { stdio: ['ignore', 'pipe', 'inherit'] })
    // A script that never exits fails its test by timing out; it must not outlive the run.
    onTestFinished(() => void child.kill())
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
    child.on('error', reject)
    child.on('exit', (code) => resolve({ code, output }))
  })
}

it.each(['memory', 'indexeddb'])('exits after its job when the queue runs handlers inline on %s storage and is never closed', async (store) => {
  const script = await bundleForNode(new URL('./forgotten-close.mjs', import.meta.url))
  expect(await run(script, ['inline', store])).toEqual({ code: 0, output: 'result 42\n' })
})

it('exits after its job when the queue runs handlers in worker threads and is never closed', async () => {
  const [script, worker] = await Promise.all([
    bundleForNode(new URL('./forgotten-close.mjs', import.meta.url)),
    bundleForNode(new URL('./double.worker.mjs', import.meta.url)),
  ])
  expect(await run(script, ['worker', 'memory', worker])).toEqual({ code: 0, output: 'result 42\n' })
})

it.each([['with `limit: 2`', ['2']], ['without a limit', []]])('stays up for the slots of its only schedule (%s) and exits once closed', async (_, args) => {
  const script = await bundleForNode(new URL('./schedule-only.mjs', import.meta.url))
  const started = Date.now()
  expect(await run(script, args)).toEqual({ code: 0, output: 'made 2 jobs, closed\n' })
  // Slots 200 ms apart from the upsert: the second is made no sooner than that.
  expect(Date.now() - started).toBeGreaterThanOrEqual(200)
})

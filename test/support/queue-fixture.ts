// The one fixture of the queue and control tests: per test, a fresh database, a channel to the
// handlers and a clock; queues of the test jobs on either runner, all closed after the test.
import { createQueue, type CreateQueueOptions, type Queue } from 'docket'
import { afterEach, beforeEach } from 'vitest'
import type { Jobs } from './jobs'
import { listenNotes, type Notes } from './listen-notes'
import { defaultRunner, runnerOption, type RunnerName, type RunnerOption } from './runner-option'
import { testClock, type TestClock } from './test-clock'
import { testDatabase, type TestDatabase } from './test-database'

/** A queue of the test jobs. */
export type TestQueue = Queue<Jobs>

/** The queue options a test chooses; the fixture brings the runner and the storage. */
export type TestQueueOptions = Omit<CreateQueueOptions<Jobs>, 'worker' | 'handlers' | 'storage'>

/** Where one queue differs from the fixture's defaults. */
export interface OpenOn {
  /** Another database than the test's own. */
  db?: TestDatabase
  /** Another runner than the fixture's, by name or as the option itself. */
  runner?: RunnerName | RunnerOption
}

/** What a test gets from `queueFixture()`; the fields are new for each test. */
export interface QueueFixture {
  /** The test's database: every queue opened without `db` opens it. */
  readonly db: TestDatabase
  /** What the handlers report, and their releases. */
  readonly notes: Notes
  /** The clock the queues of this thread read; real again after each test. */
  readonly clock: TestClock
  /** How many workers the test's queues started (0 inline). */
  readonly workersStarted: number
  /** A queue of the test jobs, closed after the test. */
  open(options?: TestQueueOptions, on?: OpenOn): Promise<TestQueue>
}

/** Registers the hooks of one fixture, in the enclosing `describe` (or file); `runner` runs its queues. */
export function queueFixture(runner: RunnerName = defaultRunner): QueueFixture {
  const clock = testClock()
  let db: TestDatabase | undefined
  let notes: Notes | undefined
  let workersStarted = 0
  const open: TestQueue[] = []

  beforeEach(async () => {
    db = await testDatabase()
    notes = listenNotes()
    workersStarted = 0
  })
  afterEach(async () => {
    await Promise.all(open.splice(0).map((queue) => queue.close()))
    notes?.close()
    clock.restore()
  })

  /** The runner's option, with its worker factory counted. */
  async function counted(choice: RunnerName | RunnerOption): Promise<RunnerOption> {
    const option = typeof choice === 'string' ? await runnerOption(choice) : choice
    const { worker } = option
    if (!worker) return option
    return {
      worker: () => {
        workersStarted++
        return worker()
      },
    }
  }

  return {
    get db() {
      return db!
    },
    get notes() {
      return notes!
    },
    clock,
    get workersStarted() {
      return workersStarted
    },
    async open(options = {}, on = {}) {
      const run = await counted(on.runner ?? runner)
      const queue = createQueue<Jobs>({ ...options, ...run, storage: (on.db ?? db!).storage() })
      open.push(queue)
      return queue
    },
  }
}

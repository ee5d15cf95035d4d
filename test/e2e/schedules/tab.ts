/**
 * A tab of an app with one schedule, as every tab of it would run: it upserts the same
 * `every` schedule at start and runs the jobs it makes. A run takes longer than a slot (each
 * tab runs one at a time), so the runs spread over the open tabs.
 */
import { createQueue, indexedDBStorage } from 'docket'

const params = new URLSearchParams(location.search)
const tab = params.get('tab') ?? 'tab'
/** How long a run takes: longer than a slot, so one tab cannot run every slot alone. */
const RUN_MS = 1500

const queue = createQueue({
  storage: indexedDBStorage({ name: params.get('db') ?? 'schedules-e2e' }),
  concurrency: 1,
  handlers: {
    beat: async () => {
      await new Promise((resolve) => setTimeout(resolve, RUN_MS))
      return tab
    },
  },
})
const upserted = queue.upsertScheduler('beat', { every: 1000, catchUp: 'all', overlap: true }, { name: 'beat', data: null })

const api = {
  ready: async (): Promise<void> => void (await upserted),
  /** Every job the schedule made: its slot, its state, and the tab that ran it. */
  made: async (): Promise<Array<{ slot: number; state: string; ranBy: unknown }>> =>
    (await queue.list({ limit: 1000 })).filter((job) => job.schedule?.id === 'beat').map((job) => ({ slot: job.schedule!.slot, state: job.state, ranBy: job.result })),
}
;(window as unknown as { scheduleTab: typeof api }).scheduleTab = api

// A cron-style script: its only work is a schedule. It must stay up for the schedule's slots,
// and exit once the queue is closed, as Node scripts do. `limit` is the schedule's, if given.
import { createQueue, memoryStorage } from 'docket'

const [limit] = process.argv.slice(2)
const made = []
const queue = createQueue({ handlers: { tick: () => 'ticked' }, storage: memoryStorage() })
queue.on('completed', ({ job }) => {
  made.push(job.schedule.id)
  if (made.length === 2) void queue.close().then(() => console.log(`made ${made.length} jobs, closed`))
})
await queue.upsertScheduler('heartbeat', { every: 200, ...(limit ? { limit: Number(limit) } : {}) }, { name: 'tick', data: null })

import mitt from 'mitt'
import { nanoid } from 'nanoid'
import { createChannel, type ChannelMessage } from './coordination/channel.js'
import { StorageError } from './errors.js'
import { Job, type JobHost } from './job.js'
import { createControls } from './job-control.js'
import { createJobHub } from './job-hub.js'
import { newRecord } from './new-record.js'
import { isOnline, watchOnline } from './online.js'
import type { Queue } from './queue.js'
import type { QueueEvents } from './queue-events.js'
import { queueConfig, type CreateQueueOptions } from './queue-options.js'
import { createRetention } from './retention.js'
import { inlineRunner } from './runners/inline-runner.js'
import { workerRunner } from './runners/worker-runner.js'
import { createScheduler } from './scheduler.js'
import type { SchedulerEvents } from './settle.js'
import { isSettled } from './transitions.js'
import type { JobHandlers, JobRecord, SettledState } from './types.js'
import * as v from './validate.js'

/**
 * Creates a queue: jobs persist in `storage` and run in a pool of workers (or inline
 * handlers). Throws `ValidationError` synchronously for bad options.
 * @example
 * const queue = createQueue<Jobs>({
 *   worker: () => new Worker(new URL('./jobs.worker.ts', import.meta.url), { type: 'module' }),
 *   concurrency: 4,
 * })
 * const job = await queue.add('resize', { url, width: 200 })
 * const result = await job.waitForResult()
 */
export function createQueue<J extends JobHandlers = JobHandlers>(options: CreateQueueOptions<J>): Queue<J> {
  const config = queueConfig(options)
  const { storage } = config
  const now = (): number => Date.now()
  const owner = nanoid()
  const emitter = mitt<QueueEvents<J>>()
  const hub = createJobHub(now)
  const emit = emitter.emit as (event: keyof QueueEvents<J>, payload?: unknown) => void
  const hasListeners = (event: string): boolean => !!(emitter.all.get(event as never)?.length || emitter.all.get('*')?.length)
  let closed: Promise<void> | undefined

  /** A record seen here or in another context: refresh handles, then emit the public event. */
  function dispatch(event: string, record: JobRecord | undefined, extra: Record<string, unknown> = {}, local = true): void {
    if (record) hub.see(record, event === 'progress' ? { value: extra.progress } : undefined)
    if (event === 'removed' && record && !local) hub.removed(record.id)
    if (local && channel && event !== 'idle' && event !== 'error') channel.post({ type: 'event', event: event as never, ...(record ? { record } : {}), extra })
    if (record && local && isSettled(record.state) && event !== 'removed') retention.settled(record.state as SettledState)
    if (event === 'updated' || !hasListeners(event)) return
    if (event === 'removed') emit('removed', { id: record?.id ?? extra.id })
    else if (event === 'paused' || event === 'resumed') emit(event, extra)
    else emit(event as keyof QueueEvents<J>, { job: makeJob(record!), ...extra })
  }

  function onMessage(message: ChannelMessage): void {
    if (message.type === 'wake') return scheduler.wake()
    if (message.type === 'cancel') return void scheduler.cancel(message.id)
    dispatch(message.event, message.record, message.extra ?? {}, false)
    // A job that settled elsewhere may free a slot of a queue limited across contexts.
    if (message.record && isSettled(message.record.state) && Object.keys(config.queueLimits).length) scheduler.wake()
  }

  const channel = createChannel(storage.name, onMessage)
  const runner = options.worker
    ? workerRunner(options.worker, (error) => emit('error', { error }))
    : inlineRunner(options.handlers as JobHandlers)

  const scheduler = createScheduler({
    storage, runner, owner,
    concurrency: config.concurrency,
    prefetch: config.prefetch,
    queueLimits: config.queueLimits,
    leaseMs: config.leaseMs,
    gracePeriod: config.gracePeriod,
    progressInterval: config.progressInterval,
    online: isOnline,
    now,
    emit<K extends keyof SchedulerEvents>(event: K, payload: SchedulerEvents[K]) {
      if (event === 'idle') return emit('idle')
      if (event === 'error') return emit('error', payload)
      const { record, ...extra } = payload as { record: JobRecord }
      dispatch(event, record, extra)
    },
  })

  const retention = createRetention(storage, config.retention, now, (ids) => {
    for (const id of ids) dispatch('removed', undefined, { id })
  }, (error) => emit('error', { error }))

  function wakeAll(): void {
    scheduler.wake()
    channel?.post({ type: 'wake' })
  }

  const controls = createControls({
    storage, scheduler, hub, now, wakeAll,
    changed: (event, record) => dispatch(event, record, event === 'removed' ? { id: record.id } : {}),
    requestCancel: (id) => channel?.post({ type: 'cancel', id }),
  })

  const host: JobHost = {
    now,
    get: (id) => storage.get(id),
    waitForResult: (id) => hub.waitFor(id, () => storage.get(id)),
    cancel: controls.cancel,
    retry: controls.retry,
    promote: controls.promote,
    discard: controls.discard,
    updateData: controls.updateData,
    remove: controls.remove,
    async log(id, row) {
      v.cloneable('row', row)
      const record = await storage.get(id)
      if (!record) return
      const at = now()
      await storage.appendLogs([{ id, at, row }])
      dispatch('log', record, { row: { at, row } })
    },
    getLogs: (id) => storage.getLogs(id),
    onJob: hub.on,
    offJob: hub.off,
    track: hub.track,
  }

  function makeJob(record: JobRecord): Job<any, any, any> {
    return new Job(host, record)
  }

  /** Rejects (never throws) for bad input, as the contract says of every call that takes input. */
  function guard<A extends unknown[], R>(fn: (...args: A) => Promise<R>): (...args: A) => Promise<R> {
    return (...args) => {
      try {
        return fn(...args)
      } catch (error) {
        return Promise.reject(error)
      }
    }
  }

  async function insert(entries: ReturnType<typeof newRecord>[]): Promise<Job<any, any, any>[]> {
    let results
    try {
      results = await storage.insert(entries)
    } catch (error) {
      // Storage refusing an add (quota, lost connection) is a fault of the queue, not only of this call.
      if (error instanceof StorageError) emit('error', { error })
      throw error
    }
    let added = false
    const jobs = results.map(({ record, duplicate }) => {
      const job = makeJob(record)
      hub.track(job)
      if (duplicate) dispatch('duplicate', record)
      else {
        added = true
        dispatch('added', record)
      }
      return job
    })
    // Other contexts may be idle: the channel wakes them, no tab waits for a timer.
    if (added) wakeAll()
    return jobs
  }

  const unwatchOnline = watchOnline(() => scheduler.wake())
  const queue: Queue<J> = {
    add: guard(async (name, data, opts) => {
      const [job] = await insert([newRecord(name, data, opts, config.defaults, nanoid, now())])
      return job!
    }),
    addBulk: guard(async (items) => {
      if (!Array.isArray(items)) v.fail('jobs', 'an array of { name, data, options? }', items)
      const t = now()
      const entries = items.map((item, i) => {
        const it = v.object<{ name: unknown; data: unknown; options?: unknown }>(`jobs[${i}]`, item)
        return newRecord(it.name, it.data, it.options, config.defaults, nanoid, t)
      })
      return insert(entries)
    }),
    get: guard(async (id) => {
      const record = await storage.get(v.string('id', id))
      return record ? makeJob(record) : undefined
    }),
    list: guard(async (opts) => {
      const o = v.listOptions(opts)
      const states = o.state === undefined ? undefined : v.stateList('state', o.state)
      const records = await storage.list({ ...o, ...(states ? { states } : {}), now: now() })
      return records.map(makeJob)
    }),
    counts: guard(async (opts) => {
      const o = opts === undefined ? {} : v.object<{ queue?: unknown }>('options', opts)
      return storage.count(o.queue === undefined ? undefined : v.string('queue', o.queue), now())
    }),
    cancel: guard(async (id) => {
      const r = await controls.cancel(id)
      return r ? makeJob(r) : undefined
    }),
    retry: guard(async (id) => {
      const r = await controls.retry(id)
      return r ? makeJob(r) : undefined
    }),
    promote: guard(async (id) => {
      const r = await controls.promote(id)
      return r ? makeJob(r) : undefined
    }),
    remove: guard((id) => controls.remove(id)),
    pause: guard(async (name) => {
      if (name !== undefined) v.string('queue', name)
      await storage.setPaused(name, true)
      dispatch('paused', undefined, name === undefined ? {} : { queue: name })
    }),
    resume: guard(async (name) => {
      if (name !== undefined) v.string('queue', name)
      await storage.setPaused(name, false)
      dispatch('resumed', undefined, name === undefined ? {} : { queue: name })
      wakeAll()
    }),
    clean: guard(async (opts) => {
      const o = v.object<{ state: unknown; olderThan?: unknown; limit?: unknown }>('options', opts)
      const states = v.stateList('state', o.state, true)
      const olderThan = o.olderThan === undefined ? 0 : v.number('olderThan', o.olderThan)
      let limit = o.limit === undefined ? Infinity : v.integer('limit', o.limit, 0)
      let removed = 0
      for (const state of states) {
        const ids = await storage.removeSettled({ state: state as SettledState, before: now() - olderThan + 1, limit })
        for (const id of ids) dispatch('removed', undefined, { id })
        removed += ids.length
        limit -= ids.length
      }
      return removed
    }),
    on: (event, fn) => emitter.on(event, fn),
    off: (event, fn) => emitter.off(event, fn),
    start: async () => {
      if (closed) throw new Error('The queue is closed')
      scheduler.start()
    },
    stop: guard(async (opts) => {
      const o = opts === undefined ? {} : v.object<{ timeout?: unknown }>('options', opts)
      await scheduler.stop(o.timeout === undefined ? 5000 : v.number('timeout', o.timeout))
    }),
    whenIdle: () => scheduler.whenIdle(),
    close: () => (closed ??= (async () => {
      await scheduler.stop(5000)
      unwatchOnline()
      channel?.close()
      await runner.destroy()
      await retention.flush()
      await storage.close()
    })()),
  }

  void (async () => {
    for (const [name, q] of Object.entries(config.queues)) if (q.paused !== undefined) await storage.setPaused(name, q.paused)
    if (config.autostart) scheduler.start()
  })().catch((error: unknown) => emit('error', { error: error as Error }))
  return queue
}

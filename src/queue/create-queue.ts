import mitt from 'mitt'
import { nanoid } from 'nanoid'
import { createChannel } from '../coordination/channel.js'
import { mapInSlices } from '../coordination/next-task.js'
import type { ChannelMessage } from '../coordination/channel-messages.js'
import { isOnline, watchOnline } from '../coordination/online.js'
import { DEFAULTS } from '../defaults.js'
import { Job, type JobHost } from '../job/job.js'
import { isSettled } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import type { JobHandlers } from '../runners/handlers.js'
import { inlineRunner } from '../runners/inline-runner.js'
import { workerRunner } from '../runners/worker-runner.js'
import { createScheduler } from '../scheduler/scheduler.js'
import { isPaused } from '../storage/pause.js'
import * as check from '../validate.js'
import { createAdder } from './add-jobs.js'
import { cleanJobs } from './clean-jobs.js'
import { clearJobs } from './clear-jobs.js'
import { createControls } from './controls.js'
import { createEventRouter } from './event-router.js'
import { createJobHub } from './job-hub.js'
import type { Queue } from './queue.js'
import type { AnyJob, QueueEvents } from './queue-events.js'
import { queueConfig, type CreateQueueOptions } from './queue-options.js'
import { createRetention } from './retention.js'
import { lazyModules } from '../lazy/lazy-import.js'
import { lazySchedules } from '../schedules/lazy-schedules.js'
import { createKeyWatch } from './key-watch.js'
import { emitCascaded } from '../scheduler/cascade-events.js'

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
  const emitter = mitt<QueueEvents<J>>()
  const fault = (error: Error): void => emitter.emit('error', { error })
  const hub = createJobHub(now)
  const channel = createChannel(storage.name, (message) => onMessage(message))
  const retention = createRetention(storage, config.retention, now, (ids) => removed(ids), fault)
  const makeJob = (record: JobRecord): AnyJob<J> => new Job(host, record) as AnyJob<J>
  const keys = createKeyWatch({
    blocked: (key, record) => emitter.emit('keyBlocked', { key, job: makeJob(record) }),
    unblocked: (key, id) => emitter.emit('keyUnblocked', { key, id }),
  })
  const router = createEventRouter<J>({ emitter, hub, channel, retention, makeJob, tap: keys })
  let keysSeeded: Promise<void> | undefined
  const removed = (ids: string[]): void => ids.forEach((id) => router.removed(id))
  const runner = options.worker ? workerRunner(options.worker, fault) : inlineRunner(options.handlers as JobHandlers)

  const scheduler = createScheduler({
    storage, runner,
    owner: nanoid(),
    concurrency: config.concurrency,
    prefetch: config.prefetch,
    queueLimits: config.queueLimits,
    rateLimits: config.rateLimits,
    leaseMs: config.leaseMs,
    gracePeriod: config.gracePeriod,
    progressInterval: config.progressInterval,
    online: isOnline,
    now,
    emit(event, payload) {
      if (event === 'idle') emitter.emit('idle')
      else if (event === 'error') emitter.emit('error', payload as { error: Error })
      else if (event === 'released') channel?.post({ type: 'wake' })
      else if (event === 'stuck') emitter.emit('stuck', { job: makeJob((payload as { record: JobRecord }).record), dueFor: (payload as { dueFor: number }).dueFor })
      else router.job(event, payload as never)
    },
  })

  function onMessage(message: ChannelMessage): void {
    if (message.type === 'wake') return scheduler.wake()
    if (message.type === 'schedules') return void schedules.check().catch(fault)
    if (message.type === 'cancel') return void scheduler.cancel(message.id)
    router.remote(message)
    if (message.event === 'paused') scheduler.paused(message.extra?.queue as string | undefined)
    // A job another context started: recover it as soon as that context dies.
    if (message.event === 'active' && message.record?.owner) scheduler.watchOwner(message.record.owner)
    // A job that settled elsewhere may free a slot of a queue limited across contexts, or let
    // the next job of its ordering key go; a removed job may unblock a key.
    if (message.record && (isSettled(message.record.state) || message.event === 'removed') && (Object.keys(config.queueLimits).length || message.record.orderingKey !== undefined)) scheduler.wake()
  }

  function wakeAll(): void {
    scheduler.wake()
    channel?.post({ type: 'wake' })
  }

  const controls = createControls({
    storage, scheduler, hub, now, wakeAll,
    changed: (event, record) => {
      if (event === 'removed') router.removed(record.id, record)
      else router.job(event, { record })
      // A job of an ordering key that left it lets the next one go.
      if (record.orderingKey !== undefined) scheduler.wake()
    },
    requestCancel: (id) => channel?.post({ type: 'cancel', id }),
    cascaded: (results) => {
      if (emitCascaded(results, router.job)) wakeAll()
    },
  })
  const adder = createAdder({
    storage, now, wakeAll,
    defaults: config.defaults,
    seen: (event, payload) => router.job(event, payload),
    failed: fault,
  })

  const host: JobHost = {
    now,
    get: (id) => storage.get(id),
    waitForResult: (id) => hub.waitFor(id, () => storage.get(id)),
    cancel: controls.cancel,
    rerun: controls.rerun,
    promote: controls.promote,
    discard: controls.discard,
    updateData: controls.updateData,
    changePriority: controls.changePriority,
    changeDelay: controls.changeDelay,
    remove: controls.remove,
    async log(id, row) {
      check.cloneable('row', row)
      const record = await storage.get(id)
      if (!record) return
      const at = now()
      await storage.appendLogs([{ id, at, row }])
      router.job('log', { record, row, at })
    },
    getLogs: (id) => storage.getLogs(id),
    onJob: hub.on,
    offJob: hub.off,
    track: hub.track,
  }

  /** A handle that this context keeps current. */
  function tracked(record: JobRecord): AnyJob<J> {
    const job = makeJob(record)
    hub.track(job)
    return job
  }
  const orUndefined = (record: JobRecord | undefined): AnyJob<J> | undefined => (record ? makeJob(record) : undefined)

  async function setPaused(queue: unknown, paused: boolean): Promise<void> {
    const name = queue === undefined ? undefined : check.string('queue', queue)
    await storage.setPaused(name, paused)
    if (paused) scheduler.paused(name)
    router.paused(paused ? 'paused' : 'resumed', name)
    if (!paused) wakeAll()
  }

  const schedules = lazySchedules({
    storage, now, fault,
    defaults: config.defaults,
    made(records) {
      for (const record of records) router.job('added', { record })
      wakeAll()
    },
    changed: () => channel?.post({ type: 'schedules' }),
  })

  let closed: Promise<void> | undefined
  const unwatchOnline = watchOnline(() => scheduler.wake())
  const queue: Queue<J> = {
    add: async (name, data, opts) => tracked(await adder.add(name, data, opts)) as never,
    addBulk: async (items) => mapInSlices(await adder.addBulk(items), tracked),
    addFlow: async (steps) => Object.fromEntries(Object.entries(await adder.addFlow(steps)).map(([ref, record]) => [ref, tracked(record)])) as never,
    get: async (id) => orUndefined(await storage.get(check.string('id', id))),
    list: async (opts) => (await storage.list({ ...check.listOptions(opts), now: now() })).map(makeJob),
    counts: async (opts) => {
      const { queue: name } = opts === undefined ? {} : check.object<{ queue?: unknown }>('options', opts)
      return storage.count(name === undefined ? undefined : check.string('queue', name), now())
    },
    cancel: async (id) => orUndefined(await controls.cancel(id)),
    retry: async (id) => orUndefined(await controls.rerun(id)),
    promote: async (id) => orUndefined(await controls.promote(id)),
    remove: (id) => controls.remove(id),
    pause: (name) => setPaused(name, true),
    resume: (name) => setPaused(name, false),
    isPaused: async (name) => isPaused(await storage.getPaused(), name === undefined ? undefined : check.string('queue', name)),
    clean: (opts) => cleanJobs(storage, opts, now(), removed),
    clear: (opts) => clearJobs(storage, opts, now, (results) => {
      for (const { id } of results) {
        hub.removed(id)
        router.removed(id)
      }
      if (emitCascaded(results, router.job)) wakeAll()
    }),
    blockedKeys: () => storage.blockedKeys(),
    health: async () => (lazyModules.health ?? (await import('./health.js'))).readHealth(storage, { ...config, online: isOnline }, scheduler.claiming(), now()),
    on: (event, fn) => {
      // Keys blocked before this context listened are known, so that their unblocking is news.
      if ((event === 'keyBlocked' || event === 'keyUnblocked') && !keysSeeded) {
        keysSeeded = storage.blockedKeys().then(keys.seed, (error: unknown) => fault(error as Error))
      }
      emitter.on(event, fn)
    },
    off: (event, fn) => emitter.off(event, fn),
    start: async () => {
      if (closed) throw new Error('The queue is closed')
      scheduler.start()
    },
    stop: async (opts) => {
      const { timeout } = opts === undefined ? {} : check.object<{ timeout?: unknown }>('options', opts)
      await scheduler.stop(timeout === undefined ? DEFAULTS.stopTimeout : check.duration('timeout', timeout))
    },
    whenIdle: () => scheduler.whenIdle(),
    upsertScheduler: async (id, spec, template) => (await schedules.load()).upsertScheduler(id, spec, template),
    removeScheduler: async (id) => (await schedules.load()).removeScheduler(id),
    getSchedulers: async () => (await schedules.load()).getSchedulers(),
    close: () => (closed ??= (async () => {
      await schedules.close()
      await scheduler.stop(DEFAULTS.stopTimeout)
      unwatchOnline()
      channel?.close()
      await runner.destroy()
      await retention.flush()
      await storage.close()
    })()),
  }

  void (async () => {
    for (const [name, options] of Object.entries(config.queues)) if (options.paused !== undefined) await storage.setPaused(name, options.paused)
    if (config.autostart) scheduler.start()
    await schedules.check()
  })().catch((error: unknown) => fault(error as Error))
  return queue
}

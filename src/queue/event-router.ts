import type { Emitter } from 'mitt'
import type { Channel } from '../coordination/channel.js'
import type { EventMessage } from '../coordination/channel-messages.js'
import { isSettled } from '../job/job-states.js'
import type { JobRecord } from '../job/record.js'
import type { RecordEventName, RecordEvents } from '../job/record-events.js'
import type { JobHub } from './job-hub.js'
import type { AnyJob, QueueEvents } from './queue-events.js'
import type { Retention } from './retention.js'

/** What the router needs from its queue. */
export interface EventRouterDeps<J> {
  emitter: Emitter<QueueEvents<J>>
  hub: JobHub
  channel: Channel | undefined
  retention: Retention
  makeJob(record: JobRecord): AnyJob<J>
  /** Sees every job event and removal, from here and from other contexts (the ordering keys' watch). */
  tap?: { seen(record: JobRecord): void; removed(id: string): void }
}

/**
 * The one path from what happened to a job (here or in another context) to the queue's
 * public events: it refreshes live handles, tells other contexts what happened here, has
 * retention look at settled jobs, and emits to listeners with a `Job` snapshot.
 */
export function createEventRouter<J>({ emitter, hub, channel, retention, makeJob, tap }: EventRouterDeps<J>) {
  const listened = (event: keyof QueueEvents<J>): boolean => !!(emitter.all.get(event)?.length || emitter.all.get('*')?.length)

  function emitJobEvent<K extends RecordEventName>(event: K, payload: RecordEvents[K]): void {
    if (event === 'updated' || !listened(event)) return
    const { record, ...extra } = payload
    // The payload of each record event is the public one with `record` in place of `job`;
    // `completed` names its job beside it, which is what lets TypeScript narrow its `result`.
    const named = event === 'completed' ? { name: record.name } : {}
    emitter.emit(event as Exclude<K, 'updated'>, { ...named, ...extra, job: makeJob(record) } as unknown as QueueEvents<J>[Exclude<K, 'updated'>])
  }

  function see<K extends RecordEventName>(event: K, payload: RecordEvents[K]): void {
    hub.see(payload.record, event === 'progress' ? { value: (payload as RecordEvents['progress']).progress } : undefined)
  }

  return {
    /** A job changed in this context. */
    job<K extends RecordEventName>(event: K, payload: RecordEvents[K]): void {
      see(event, payload)
      const { record, ...extra } = payload
      channel?.post({ type: 'event', event, record, extra })
      if (isSettled(record.state)) retention.settled(record.state)
      emitJobEvent(event, payload)
      tap?.seen(record)
    },

    /** Jobs were removed in this context (`record`: the job as it was, when known). */
    removed(id: string, record?: JobRecord): void {
      channel?.post({ type: 'event', event: 'removed', ...(record ? { record } : {}), extra: { id } })
      if (listened('removed')) emitter.emit('removed', { id })
      tap?.removed(id)
    },

    /** A named queue, or every queue, was paused or resumed in this context. */
    paused(event: 'paused' | 'resumed', queue: string | undefined): void {
      const payload = queue === undefined ? {} : { queue }
      channel?.post({ type: 'event', event, extra: payload })
      emitter.emit(event, payload)
    },

    /** What another context reported; `parseMessage` has checked its shape. */
    remote(message: EventMessage): void {
      const { event, record, extra = {} } = message
      if (event === 'removed') {
        const id = record?.id ?? (extra.id as string)
        hub.removed(id)
        if (listened('removed')) emitter.emit('removed', { id })
        tap?.removed(id)
      } else if (event === 'paused' || event === 'resumed') {
        emitter.emit(event, extra as { queue?: string })
      } else if (record) {
        const payload = { ...extra, record } as RecordEvents[RecordEventName]
        see(event, payload)
        emitJobEvent(event, payload)
        tap?.seen(record)
      }
    },
  }
}

/** The event router of one queue. */
export type EventRouter<J> = ReturnType<typeof createEventRouter<J>>

import type { JobState } from '../job/job-states.js'
import type { Queue } from '../queue/queue.js'
import type { QueueEventName, QueueEvents } from '../queue/queue-events.js'
import type { ToastKind } from './toasts.js'

/** A queue of any job map, as the panel reads it: it shows every job, whatever its name. */
export type PanelQueue = Queue<any>

/** The filter that the counts, the queues and the jobs view share. */
export interface PanelFilter {
  state: JobState | undefined
  queue: string | undefined
}

/** What the panel gives each view. */
export interface PanelContext {
  readonly queue: PanelQueue
  /** The named queues known so far: from the options, then from every job event seen. */
  readonly queueNames: ReadonlySet<string>
  readonly filter: Readonly<PanelFilter>
  /** The counts of every queue as last read (the panel reads them before each view's refresh). */
  readonly totals: Readonly<Record<JobState, number>>
  /** Rows per page of paged lists. */
  readonly pageSize: number
  /** Changes the shared filter and shows the jobs view. */
  setFilter(change: Partial<PanelFilter>): void
  /** Shows this job's detail in the jobs view. */
  select(id: string): void
  /** Asks for a refresh of the counts and the shown view; calls coalesce. */
  refreshSoon(): void
  notify(message: string, kind?: ToastKind): void
  /** Shows a failure of a call as a notice. */
  report(error: unknown): void
  /** Listens to a queue event for the panel's lifetime: `unmount()` removes it. */
  on<K extends QueueEventName>(event: K, fn: (payload: QueueEvents<any>[K]) => void): void
}

/** A view as mounted: the panel calls `refresh` when it is shown and on refreshes while it is. */
export interface MountedView {
  refresh(): Promise<void>
  /** The jobs view's: show this job's detail. */
  select?(id: string | undefined): void
}

/**
 * One tab of the panel. A feature adds its view as one file under `views/` and one line in
 * `views/all-views.ts`; a view reads storage only in `refresh`, so hidden views cost nothing.
 */
export interface DevtoolsView {
  /** Its `data-view` and tab id. */
  readonly id: string
  readonly label: string
  /** Whether this queue offers the feature (a view of schedules needs `getSchedulers`). */
  available?(queue: PanelQueue): boolean
  mount(root: HTMLElement, context: PanelContext): MountedView
}

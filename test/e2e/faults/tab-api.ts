import type { RunRow } from './runs'

/** One queue event as a page saw it; `at` is epoch ms with sub-millisecond precision. */
export interface TabEvent {
  event: string
  id?: string
  at: number
  progress?: unknown
  error?: string
}

/** The parts of a job record that the tests check. */
export interface JobSnapshot {
  id: string
  state: string
  attempts: number
  /** Runs interrupted so far. */
  stalls: number
  result?: unknown
  errors: string[]
  completedAt?: number
}

/** What `tab.ts` puts on `window.faults` for the test to call through `page.evaluate`. */
export interface TabApi {
  page: string
  /** Adds one job; `calledAt` is the time just before `add` was called. */
  add(name: 'work' | 'hang', data: unknown, options?: Record<string, unknown>): Promise<{ id: string; calledAt: number }>
  addBulk(count: number, name: 'work' | 'hang', data: unknown, options?: Record<string, unknown>): Promise<string[]>
  /** Adds jobs one after another, `lanes` at a time, logging `resolved <id>` as each `add` resolves. Never ends. */
  stream(lanes: number): void
  /** Resolves once this page has seen `event` for `count` distinct jobs (of `id` only, if given). */
  until(event: string, count: number, id?: string): Promise<void>
  events(event?: string): TabEvent[]
  /**
   * Just after the next `active` event, blocks this page's main thread on a synchronous request
   * to the test server until the test releases `key` (a frozen tab).
   */
  freezeOnActive(key: string): void
  start(): Promise<void>
  whenIdle(): Promise<void>
  counts(): Promise<Record<string, number>>
  get(id: string): Promise<JobSnapshot | undefined>
  ids(): Promise<string[]>
  runs(): Promise<RunRow[]>
  /** How many workers this page's pool has made. */
  workers(): number
}

declare global {
  interface Window {
    faults: TabApi
  }
}

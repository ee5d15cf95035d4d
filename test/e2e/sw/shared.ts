/** The database the page and the service worker share. */
export const DB_NAME = 'sw-e2e'

/** What the service worker reports of itself. */
export interface Probe {
  onLine: boolean
  hasSync: boolean
  /** Background Sync tags registered, `null` without Background Sync. */
  tags: string[] | null
  /** `online`, `offline` and `sync:<tag>` events it received, in order. */
  seen: string[]
  /** The `error` events of its queue, as `name: message`. */
  errors: string[]
}

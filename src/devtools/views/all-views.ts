import type { DevtoolsView } from '../panel-context.js'
import { blockedKeysView } from './blocked-keys-view.js'
import { jobsView } from './jobs-view.js'
import { schedulesView } from './schedules-view.js'

/**
 * The panel's tabs, in order. A feature's view (blocked keys, flows, the outbox) is one file
 * beside these and one entry here; the jobs view comes first and is shown at mount.
 */
export const ALL_VIEWS: readonly DevtoolsView[] = [jobsView, blockedKeysView, schedulesView]

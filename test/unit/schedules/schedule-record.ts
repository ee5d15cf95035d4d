// A stored schedule for the pure tests: an `every` spec from the epoch unless told otherwise.
import type { ScheduleRecord, StoredSpec } from '../../../src/schedules/schedule-types.js'

export function scheduleRecord(spec: Partial<StoredSpec>, fields: Partial<ScheduleRecord> = {}): ScheduleRecord {
  return {
    id: 'sync', spec: { catchUp: 'one', ...spec }, template: { name: 'sync', data: null },
    count: 0, createdAt: 0, updatedAt: 0, ...fields,
  }
}

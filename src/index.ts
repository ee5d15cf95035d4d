export { createQueue } from './create-queue.js'
export type { CreateQueueOptions } from './queue-options.js'
export type { Queue, JobOf, BulkEntry, CleanOptions } from './queue.js'
export { Job, type JobEvent } from './job.js'
export type { AnyJob, QueueEvents, QueueEventName } from './queue-events.js'
export { indexedDBStorage, type IndexedDBStorageOptions } from './storage/indexeddb-storage.js'
export { memoryStorage } from './storage/memory-storage.js'
export type {
  Storage, Update, UpdateResult, LogRow, InsertEntry, InsertResult, ClaimRequest, ClaimResult, StorageQuery, PauseState, RemoveSettledRequest,
} from './storage/storage.js'
export type { WorkerLike } from './runners/worker-runner.js'
export { ValidationError, UnknownJobError, TimeoutError, JobFailedError, JobCanceledError, StorageError } from './errors.js'
export type * from './types.js'
export { serveQueueInServiceWorker, type ServiceWorkerQueueOptions, type ServedQueue, type ServiceWorkerScopeLike } from './service-worker.js'

/**
 * The `docket/outbox` entry: requests stored before they are sent, delivered exactly once per
 * idempotency key, retried on what a server or a network says is passing. Nothing here
 * touches a global at import time.
 * @module
 */
export { createOutbox, type Outbox, type OutboxJob, type OutboxJobs } from './outbox/create-outbox.js'
export type { CreateOutboxOptions, SendOptions, BeforeSend, AttemptInfo, RequestChanges } from './outbox/outbox-options.js'
export type { OutboxBody, OutboxRequestInit, StoredRequest } from './outbox/stored-request.js'
export { responseText, responseJson, type OutboxResponse } from './outbox/outbox-response.js'
export { HttpError, NetworkError } from './outbox/http-error.js'
export { OUTBOX_DEFAULTS } from './outbox/outbox-defaults.js'

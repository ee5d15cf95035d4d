// `docket` as it will be once src/index.ts exports the service-worker helper: the example
// imports it by that name. Remove this file (and its alias in example.e2e.test.ts) then.
export * from '../../../src/index.js'
export * from '../../../src/service-worker.js'

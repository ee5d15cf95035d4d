// A worker as Node 20 before 20.16 runs it: without `process.getBuiltinModule`. docket/worker
// is imported only after it is gone, as it would be on such a Node.
delete process.getBuiltinModule
const { serveJobs } = await import('docket/worker')

serveJobs({
  version: (_data, ctx) => ({ attempt: ctx.attempt, hasBuiltin: typeof process.getBuiltinModule }),
})

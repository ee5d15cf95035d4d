// A Node worker_threads entry in plain JavaScript: Node 20 cannot start a worker from .ts.
// It is what a user writes; with docket installed, Node resolves `docket/worker` itself. The
// test bundles it with esbuild so that `docket/worker` is the source under test.
import { isMainThread, threadId } from 'node:worker_threads'
import { serveJobs, UnrecoverableError } from 'docket/worker'

serveJobs({
  where: () => ({ isMainThread, threadId }),

  async report(data, ctx) {
    ctx.progress(50)
    await ctx.log({ half: data.n })
    return data.n * 10
  },

  /** Reports progress and returns at once: the progress must still arrive before the outcome. */
  progressThenReturn(data, ctx) {
    ctx.progress(data.n)
    return data.n
  },

  flaky(_data, ctx) {
    if (ctx.attempt === 1) throw new RangeError('first attempt fails')
    return ctx.attempt
  },

  /** Another attempt cannot help: fails at once, whatever attempts are left. */
  unrecoverable(data) {
    throw new UnrecoverableError(`no such file: ${data.file}`)
  },

  /**
   * Durable steps as the README's photo upload: each step's fn logs its name; attempt 1 fails
   * after `upload`; a sleep of `napMs` comes before `notify`.
   */
  async photo(data, ctx) {
    const resized = await ctx.step('resize', async () => (await ctx.log('resize'), { bytes: data.bytes / 2, thread: threadId }))
    const url = await ctx.step('upload', async () => (await ctx.log('upload'), `https://photos.test/${resized.bytes}`))
    if (ctx.attempt === 1) throw new Error('the post failed')
    await ctx.step('post', async () => (await ctx.log('post'), { url }))
    await ctx.sleep('nap', data.napMs)
    return ctx.step('notify', async () => (await ctx.log('notify'), { url, resized }))
  },

  /** Ignores its signal: only terminating the thread stops it. */
  spin(_data, _ctx) {
    return new Promise(() => {})
  },
})

// The handlers of the durable-steps tests (`ctx.step`, `ctx.sleep`), part of the test job map
// (`jobs.ts`), so that they run inline, in module Workers and in worker_threads alike.
import type { JobContext } from 'docket/worker'
import { postNote, whenReleased, type Tagged } from './notes'

/** Notes `started` and waits for the test's release, deaf to the signal: a run the test interrupts. */
async function hold(data: Partial<Tagged>, ctx: JobContext): Promise<void> {
  if (!data.channel || !data.tag) throw new Error('a held step needs `channel` and `tag`')
  postNote(data as Tagged, ctx, 'started')
  await whenReleased(data as Tagged)
}

/** The handlers: each shows one thing a test asks of durable steps. */
export const stepJobs = {
  /**
   * Durable steps `s1`…`s{count}`. Each step's `fn` logs its name (stored before it returns, so
   * `getLogs()` counts the calls exactly) and returns the step with the run that called it.
   * Attempt 1 fails after step `failAfter`; the run sleeps `sleepMs` (as `nap`) after step
   * `sleepAfter`; after step `holdAfter`, or inside step `holdIn` (its log row stored), a run
   * that called step 1 itself (not one that replays it) notes `started` and waits for the
   * test's release, ignoring its signal. Returns what every `ctx.step` resolved to.
   */
  async steps(
    data: Partial<Tagged> & { count: number; failAfter?: number; sleepAfter?: number; sleepMs?: number; holdAfter?: number; holdIn?: number },
    ctx: JobContext,
  ): Promise<Array<{ step: number; run: string }>> {
    const run = `${ctx.attempt}:${Math.random().toString(36).slice(2, 10)}`
    const results: Array<{ step: number; run: string }> = []
    let fresh = false
    for (let step = 1; step <= data.count; step++) {
      results.push(await ctx.step(`s${step}`, async () => {
        await ctx.log(`s${step}`)
        if (step === 1) fresh = true
        if (step === data.holdIn && fresh) await hold(data, ctx)
        return { step, run }
      }))
      if (step === data.failAfter && ctx.attempt === 1) throw new Error(`fails after step ${step}`)
      if (step === data.sleepAfter) await ctx.sleep('nap', data.sleepMs ?? 0)
      if (step === data.holdAfter && fresh) await hold(data, ctx)
    }
    return results
  },

  /**
   * Calls a step the way `kind` says is wrong (a name twice, a result that cannot be cloned)
   * after a good step `ok`, and returns the error `ctx.step` rejected with.
   */
  async badStep(data: { kind: 'twice' | 'unclonable' }, ctx: JobContext): Promise<{ name: string; message: string }> {
    await ctx.step('ok', () => 1)
    try {
      if (data.kind === 'twice') await ctx.step('ok', () => 2)
      else await ctx.step('callback', () => () => 1)
      return { name: 'none', message: 'no error' }
    } catch (error) {
      return { name: (error as Error).name, message: (error as Error).message }
    }
  },

  /** Calls one step twice by name and lets the `ValidationError` fail the run. */
  async stepTwice(_data: null, ctx: JobContext): Promise<number> {
    await ctx.step('a', () => 1)
    return ctx.step('a', () => 2)
  },

  /**
   * Stores step `one`, notes `started` and waits for the test's release (which takes the lease
   * away meanwhile), then tries step `two`: notes `ran` if it was stored, `finished` with the
   * rejection if it was refused.
   */
  async fencedStep(data: Tagged, ctx: JobContext): Promise<string> {
    await ctx.step('one', () => 1)
    postNote(data, ctx, 'started')
    await whenReleased(data)
    try {
      await ctx.step('two', () => 2)
      postNote(data, ctx, 'ran')
      return 'stored'
    } catch {
      postNote(data, ctx, 'finished')
      return 'refused'
    }
  },
}

// The handlers of the order-and-pace tabs: an edit of a document that takes `ms` and fails its
// first `failures` attempts (wherever they run: a retry may run in another tab), and a call to
// a rate-limited service.
export const orderHandlers = {
  async edit(data: { key: string; n: number; ms: number; failures: number }, ctx: { attempt: number }): Promise<number> {
    await new Promise((resolve) => setTimeout(resolve, data.ms))
    if (ctx.attempt <= data.failures) throw new Error(`edit ${data.key}#${data.n} failed`)
    return data.n
  },
  call(data: { n: number }): number {
    return data.n
  },
}

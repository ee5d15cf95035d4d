// BroadcastChannel as browsers deliver it, for the contexts of the simulation: a message goes
// to every other open channel of its name, cloned, in posting order. Deliveries wait in one
// queue that the simulation drains between turns, so their order is a function of the schedule.

interface Delivery {
  to: SimBroadcastChannelInstance
  data: unknown
}

interface SimBroadcastChannelInstance {
  readonly name: string
  onmessage: ((event: { data: unknown }) => void) | null
  postMessage(data: unknown): void
  close(): void
  closed: boolean
}

/** The channels of one simulation run. */
export interface SimChannels {
  /** The constructor to install as `globalThis.BroadcastChannel`. */
  readonly BroadcastChannel: new (name: string) => SimBroadcastChannelInstance
  /** Channels opened since the last call: the simulation attributes them to the context it just made. */
  takeOpened(): SimBroadcastChannelInstance[]
  /** Delivers what is queued; returns how many messages went out. */
  deliver(): number
  pending(): number
}

export function simChannels(): SimChannels {
  const open = new Set<SimBroadcastChannelInstance>()
  let opened: SimBroadcastChannelInstance[] = []
  const queue: Delivery[] = []

  class SimBroadcastChannel implements SimBroadcastChannelInstance {
    onmessage: ((event: { data: unknown }) => void) | null = null
    closed = false
    constructor(readonly name: string) {
      open.add(this)
      opened.push(this)
    }
    postMessage(data: unknown): void {
      if (this.closed) throw new DOMException('The channel is closed', 'InvalidStateError')
      const copy = structuredClone(data)
      for (const other of open) if (other !== this && other.name === this.name) queue.push({ to: other, data: copy })
    }
    close(): void {
      this.closed = true
      open.delete(this)
    }
    unref(): void {}
  }

  return {
    BroadcastChannel: SimBroadcastChannel,
    takeOpened() {
      const taken = opened
      opened = []
      return taken
    },
    deliver() {
      const batch = queue.splice(0)
      for (const { to, data } of batch) if (!to.closed) to.onmessage?.({ data: structuredClone(data) })
      return batch.length
    },
    pending: () => queue.length,
  }
}

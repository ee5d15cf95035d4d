import { addBulk, addOneByOne, endToEnd } from './docket-throughput.js'
import type { Figure } from './figure.js'
import { median } from './statistics.js'

/** What a peer run reports: operations per second under the names of its figures. */
export type PeerRun = Record<string, number>

/** docket's side of a peer comparison, run at the peer's size. */
const docketSide = {
  'docket.add.one-by-one': (n: number) => addOneByOne(n),
  'docket.addBulk': (n: number) => addBulk(n),
  'docket.e2e.peer-size': (n: number) => endToEnd(n, 'worker', 4),
} as const
type DocketKey = keyof typeof docketSide

/**
 * Runs docket and a peer on the same work, run after run, each docket figure right before the
 * peer's run: ratios of neighbours, because this machine's load changes within a minute.
 * `pairs` names which docket figure is held against which peer figure.
 */
export async function againstPeer(options: {
  /** The peer's short name, e.g. `workbox`. */
  name: string
  runs: number
  n: number
  peer: (n: number) => Promise<PeerRun>
  notes: Record<string, string>
  pairs: Array<[DocketKey, string]>
}): Promise<Record<string, Figure>> {
  const needed = [...new Set(options.pairs.map(([d]) => d))]
  const docketRuns: Array<Record<string, number>> = []
  const peerRuns: PeerRun[] = []
  for (let i = 0; i < options.runs; i++) {
    const mine: Record<string, number> = {}
    for (const key of needed) mine[key] = await docketSide[key](options.n)
    docketRuns.push(mine)
    peerRuns.push(await options.peer(options.n))
  }
  const figures: Record<string, Figure> = {}
  for (const key of Object.keys(peerRuns[0] ?? {})) {
    const values = peerRuns.map((r) => r[key]!)
    figures[key] = { value: median(values), unit: 'ops/s', runs: values, note: `${options.notes[key] ?? ''}; ${options.n} each` }
  }
  for (const [mine, theirs] of options.pairs) {
    const ratios = docketRuns.map((d, i) => d[mine]! / peerRuns[i]![theirs]!)
    figures[`paired.${mine}.vs.${theirs}`] = { value: median(ratios), unit: '×', runs: ratios, note: `docket ${mine} / ${theirs}, ${options.n} each, median of per-run ratios` }
  }
  const e2e = docketRuns.map((d) => d['docket.e2e.peer-size']).filter((v): v is number => v !== undefined)
  if (e2e.length) figures[`docket.e2e.peer-size.${options.name}`] = { value: median(e2e), unit: 'ops/s', runs: e2e, note: `docket e2e, workers c=4, ${options.n} jobs, run next to ${options.name}` }
  return figures
}

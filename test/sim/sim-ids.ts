// The simulation's `nanoid`: the library's ids (of flow jobs, of owners, of tokens) drawn from a
// generator seeded per run, so that a seed and a path replay the same run in any process. Ids
// order rows in IndexedDB, so random ones made a failure come and go (seed 20261129 once failed
// its first schedule and passed on replay). scripts/sim.mjs bundles it in place of `nanoid`,
// and test/sim/sim.node.test.ts mocks `nanoid` with it.
import { seeded } from '../support/seeded'

const ALPHABET = 'useandom-26T198340PX75pxJACKVERYMINDBUSHWOLF_GQZbfghjklqvwyzrict'

let random = seeded(0)

/** Starts the ids of a run from `seed`. */
export function seedIds(seed: number): void {
  random = seeded(seed ^ 0x1d5)
}

/** An id of `size` characters from nanoid's alphabet, from the run's generator. */
export function nanoid(size = 21): string {
  let id = ''
  for (let i = 0; i < size; i++) id += ALPHABET[Math.floor(random() * 64)]
  return id
}

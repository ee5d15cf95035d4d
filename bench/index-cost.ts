import { now } from './clock.js'
import { docketIndexes, type IndexDefinition } from './docket-indexes.js'
import { rate, type Figure } from './figure.js'
import { activeRow, jobRow, settledRow } from './job-rows.js'
import { dropDatabase, openRaw, transactionDone, uniqueName } from './raw-indexeddb.js'
import { median } from './statistics.js'

/** A `jobs` store with some of docket's indexes: what each costs is the gap to its neighbours. */
interface Variant {
  name: string
  indexes: IndexDefinition[]
  note: string
}

/**
 * No index; docket's schema as it is; and docket's minus each dense index in turn (an index every
 * row is in, so every put updates it). Sparse indexes (a row is in them only while it needs
 * them) are left in every docket variant: a waiting or settled row does not touch them.
 */
function variants(docket: IndexDefinition[]): Variant[] {
  const names = (list: IndexDefinition[]): string => list.map(({ name, dense }) => `${name}${dense ? '' : ' (sparse)'}`).join(', ')
  return [
    { name: 'no-index', indexes: [], note: 'no index: the key (seq) alone' },
    { name: 'docket', indexes: docket, note: `docket's schema: ${names(docket)}` },
    ...docket.filter(({ dense }) => dense).map((removed) => {
      const indexes = docket.filter(({ name }) => name !== removed.name)
      return { name: `docket-minus-${removed.name}`, indexes, note: `docket's schema without ${removed.name}: ${names(indexes)}` }
    }),
  ]
}

const openVariant = (name: string, variant: Variant): Promise<IDBDatabase> => openRaw(name, (db) => {
  const store = db.createObjectStore('jobs', { keyPath: 'seq', autoIncrement: true })
  for (const { name: indexName, keyPath, unique, multiEntry } of variant.indexes) store.createIndex(indexName, keyPath, { unique, multiEntry })
})

/** Puts `rows` in one readwrite transaction; resolves to the keys of the rows, in order, and the milliseconds it took. */
async function putAll(db: IDBDatabase, rows: Array<Record<string, unknown>>): Promise<{ keys: IDBValidKey[]; ms: number }> {
  const keys: IDBValidKey[] = []
  const t0 = now()
  const tx = db.transaction('jobs', 'readwrite')
  const store = tx.objectStore('jobs')
  rows.forEach((row, i) => {
    store.put(row).onsuccess = (event) => (keys[i] = (event.target as IDBRequest<IDBValidKey>).result)
  })
  await transactionDone(tx)
  return { keys, ms: now() - t0 }
}

/** Rows per second of `n` new job rows put in one transaction. */
async function batched(db: IDBDatabase, n: number): Promise<number> {
  const { ms } = await putAll(db, Array.from({ length: n }, (_, i) => jobRow(i)))
  return rate(n, ms)
}

/**
 * Jobs per second through the three puts every job needs at least: its insert, its claim and
 * its settle, each a batched transaction of `n` rows (the rows' changes are docket's own).
 */
async function threePuts(db: IDBDatabase, n: number): Promise<number> {
  const waiting = Array.from({ length: n }, (_, i) => jobRow(i))
  const inserted = await putAll(db, waiting)
  const active = waiting.map((row, i) => activeRow({ ...row, seq: inserted.keys[i] }))
  const claimed = await putAll(db, active)
  const settled = await putAll(db, active.map((row) => settledRow(row)))
  return rate(n, inserted.ms + claimed.ms + settled.ms)
}

async function inFreshDB(variant: Variant, body: (db: IDBDatabase) => Promise<number>): Promise<number> {
  const name = uniqueName(`index-${variant.name}`)
  const db = await openVariant(name, variant)
  try {
    return await body(db)
  } finally {
    db.close()
    await dropDatabase(name)
  }
}

/** The median of `values`, with the values behind it. */
const summary = (values: number[]): Pick<Figure, 'value' | 'runs'> => ({ value: median(values), runs: values })

/**
 * What each of docket's indexes costs a write: raw batched puts of docket-shaped rows into a
 * store with each set of indexes, and the three-put floor (insert, claim and settle puts of
 * every job), all in this page, round by round. Each round measures every variant (starting
 * one further along each round, so that drift over the run does not favour one) and its ratios
 * are to the no-index store of the same round; the figures are medians over the rounds.
 */
export async function measureIndexCost(options: { runs: number; n: number }): Promise<Record<string, Figure>> {
  const all = variants(await docketIndexes())
  const values = new Map(all.map((variant) => [variant.name, { batched: [] as number[], threePut: [] as number[], batchedRatio: [] as number[], threePutRatio: [] as number[], floorShare: [] as number[] }]))
  for (let round = 0; round < options.runs; round++) {
    const measured = new Map<string, { batched: number; threePut: number }>()
    for (let k = 0; k < all.length; k++) {
      const variant = all[(round + k) % all.length]!
      const batchedRate = await inFreshDB(variant, (db) => batched(db, options.n))
      const threePutRate = await inFreshDB(variant, (db) => threePuts(db, options.n))
      measured.set(variant.name, { batched: batchedRate, threePut: threePutRate })
    }
    const bare = measured.get('no-index')!
    for (const [name, { batched: batchedRate, threePut }] of measured) {
      const row = values.get(name)!
      row.batched.push(batchedRate)
      row.threePut.push(threePut)
      row.batchedRatio.push(batchedRate / bare.batched)
      row.threePutRatio.push(threePut / bare.threePut)
      row.floorShare.push(threePut / batchedRate)
    }
  }
  const figures: Record<string, Figure> = {}
  const of = `${options.n} rows, median of ${options.runs} rounds`
  for (const variant of all) {
    const row = values.get(variant.name)!
    const key = `index-cost.${variant.name}`
    figures[`${key}.batched`] = { ...summary(row.batched), unit: 'ops/s', note: `rows put in one transaction; ${variant.note}; ${of}` }
    figures[`${key}.batched.vs-no-index`] = { ...summary(row.batchedRatio), unit: '×', note: 'batched puts vs the no-index store of the same round' }
    figures[`${key}.three-put`] = { ...summary(row.threePut), unit: 'ops/s', note: `jobs through insert, claim and settle puts, each a transaction of ${options.n} rows; ${variant.note}` }
    figures[`${key}.three-put.vs-no-index`] = { ...summary(row.threePutRatio), unit: '×', note: 'the three-put floor vs the no-index store of the same round' }
    figures[`${key}.three-put.vs-batched`] = { ...summary(row.floorShare), unit: '×', note: 'the three-put floor vs batched puts of the same store and round (1/3 if a claim or settle put costs what an insert does)' }
  }
  return figures
}

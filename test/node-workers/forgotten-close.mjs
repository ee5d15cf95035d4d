// A script that forgets `queue.close()`: it must exit once its job is done, as Node scripts do.
import { Worker } from 'node:worker_threads'
import { createQueue, indexedDBStorage, memoryStorage } from 'docket'
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb'

const [runner, store, workerFile] = process.argv.slice(2)
// A named IndexedDB storage also opens the BroadcastChannel between contexts.
const storage = store === 'indexeddb' ? indexedDBStorage({ name: 'exit', indexedDB: new IDBFactory(), IDBKeyRange }) : memoryStorage()
const queue = runner === 'inline'
  ? createQueue({ handlers: { double: (data) => data.n * 2 }, storage })
  : createQueue({ worker: () => new Worker(workerFile), storage })
const job = await queue.add('double', { n: 21 })
console.log(`result ${await job.waitForResult()}`)

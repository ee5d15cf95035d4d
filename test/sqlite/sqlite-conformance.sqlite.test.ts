// The storage conformance suite against `sqliteStorage` on the runtime's own SQLite:
// `node:sqlite` in Node 24 and Deno, `bun:sqlite` in Bun (scripts/edge-tests.mjs runs each).
import { sqliteStorage } from 'docket/sqlite'
import { testStorage } from '../storage/conformance.js'
import { openDatabase, runtime } from './runtime-database.js'

testStorage(`sqliteStorage (${runtime}, in memory)`, async () => sqliteStorage((await openDatabase()).handle))

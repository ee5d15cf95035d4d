/**
 * The SQLite schema of docket: the jobs table with one column per index field of
 * `JOB_INDEXES` (and the row itself, encoded), a table of `dependsOn` entries kept by triggers,
 * logs, meta rows and schedules; and its upgrades, one step per version.
 *
 * The version is a row of `docket_schema`, not `PRAGMA user_version`: the database may be the
 * application's own (a file with its tables and migrations, a Durable Object's storage, which
 * refuses that pragma anyway), and the pragma is one number for the whole file.
 * @module
 */
import { StorageError } from '../errors.js'
import type { SqliteDriver } from './driver.js'

/** The jobs table. */
export const JOBS = 'docket_jobs'
/** One row per element of a job's `dependsOn`: the multiEntry index. */
export const DEPS = 'docket_job_deps'
/** Log rows of jobs, in insertion order. */
export const LOGS = 'docket_logs'
/** The core's meta rows (pause, counters, rate budgets). */
export const META = 'docket_meta'
/** Schedules by id. */
export const SCHEDULES = 'docket_schedules'

/**
 * The columns of the jobs table that hold a row's index fields (the row's `seq` is the table's
 * key). A field that a row lacks is NULL, which keeps the row out of the field's partial indexes.
 */
export const INDEX_COLUMNS = ['id', 'state', 'timeKey', 'queue', 'uniqueKey', 'keyHold', 'keyActive', 'keyBlocked', 'runnable', 'rank', 'runAt'] as const

/** Version 1: every table, index and trigger of docket 0.3. */
const VERSION_1 = `
CREATE TABLE ${JOBS} (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  ${INDEX_COLUMNS.map((column) => `"${column}"`).join(', ')},
  "dependsOn" TEXT,
  body TEXT NOT NULL
);
CREATE UNIQUE INDEX docket_jobs_id ON ${JOBS} ("id");
CREATE INDEX docket_jobs_timeline ON ${JOBS} ("state", "timeKey") WHERE "state" IS NOT NULL AND "timeKey" IS NOT NULL;
CREATE INDEX docket_jobs_state ON ${JOBS} ("state") WHERE "state" IS NOT NULL;
CREATE INDEX docket_jobs_queue ON ${JOBS} ("queue", "state") WHERE "queue" IS NOT NULL AND "state" IS NOT NULL;
CREATE INDEX docket_jobs_unique ON ${JOBS} ("uniqueKey") WHERE "uniqueKey" IS NOT NULL;
CREATE INDEX docket_jobs_ordering ON ${JOBS} ("keyHold") WHERE "keyHold" IS NOT NULL;
CREATE INDEX docket_jobs_keyActive ON ${JOBS} ("keyActive") WHERE "keyActive" IS NOT NULL;
CREATE INDEX docket_jobs_keyBlocked ON ${JOBS} ("keyBlocked") WHERE "keyBlocked" IS NOT NULL;
CREATE INDEX docket_jobs_runnable ON ${JOBS} ("runnable", "rank", "runAt") WHERE "runnable" IS NOT NULL AND "rank" IS NOT NULL AND "runAt" IS NOT NULL;
CREATE TABLE ${DEPS} (prerequisite NOT NULL, seq INTEGER NOT NULL, PRIMARY KEY (prerequisite, seq)) WITHOUT ROWID;
CREATE INDEX docket_job_deps_seq ON ${DEPS} (seq);
-- DISTINCT, not INSERT OR IGNORE: the conflict policy of the statement that fires a trigger
-- (an upsert: ABORT) overrides the one written in the trigger.
CREATE TRIGGER docket_jobs_deps_insert AFTER INSERT ON ${JOBS} WHEN NEW."dependsOn" IS NOT NULL BEGIN
  INSERT INTO ${DEPS} (prerequisite, seq) SELECT DISTINCT value, NEW.seq FROM json_each(NEW."dependsOn") WHERE type IN ('text', 'integer', 'real');
END;
CREATE TRIGGER docket_jobs_deps_update AFTER UPDATE OF "dependsOn" ON ${JOBS} WHEN OLD."dependsOn" IS NOT NEW."dependsOn" BEGIN
  DELETE FROM ${DEPS} WHERE seq = OLD.seq;
  INSERT INTO ${DEPS} (prerequisite, seq) SELECT DISTINCT value, NEW.seq FROM json_each(NEW."dependsOn") WHERE NEW."dependsOn" IS NOT NULL AND type IN ('text', 'integer', 'real');
END;
CREATE TRIGGER docket_jobs_deps_delete AFTER DELETE ON ${JOBS} WHEN OLD."dependsOn" IS NOT NULL BEGIN
  DELETE FROM ${DEPS} WHERE seq = OLD.seq;
END;
CREATE TABLE ${LOGS} (n INTEGER PRIMARY KEY AUTOINCREMENT, id NOT NULL, at, row TEXT NOT NULL);
CREATE INDEX docket_logs_id ON ${LOGS} (id, n);
CREATE TABLE ${META} (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE ${SCHEDULES} (id TEXT PRIMARY KEY, body TEXT NOT NULL) WITHOUT ROWID;
`

/**
 * The upgrade to each version, from the one before (index 0 makes version 1 from nothing).
 * Stored data outlives releases: a step keeps every row, and a step once released never changes.
 */
const STEPS: readonly string[] = [VERSION_1]

/** The schema version this docket writes. */
export const SCHEMA_VERSION = STEPS.length

/**
 * Brings the database to {@link SCHEMA_VERSION} in one write transaction, so that two processes
 * opening one new file create it once. A database of a newer docket is refused.
 * @example openSchema(driver) // version 0 → 1 on a new file, nothing on a current one
 */
export function openSchema(driver: SqliteDriver): void {
  driver.transactionSync(() => {
    driver.exec('CREATE TABLE IF NOT EXISTS docket_schema (version INTEGER NOT NULL)')
    const found = Number(driver.all('SELECT version FROM docket_schema')[0]?.version ?? 0)
    if (found > SCHEMA_VERSION) {
      throw new StorageError(`The SQLite database holds docket's schema version ${found}; this docket knows up to ${SCHEMA_VERSION}: upgrade docket`)
    }
    if (found === SCHEMA_VERSION) return
    for (let version = found; version < SCHEMA_VERSION; version++) driver.exec(STEPS[version]!)
    driver.run('DELETE FROM docket_schema')
    driver.run('INSERT INTO docket_schema (version) VALUES (?)', [SCHEMA_VERSION])
  })
}

// `node:sqlite` as the tests use it: @types/node 20 (the machine's Node) does not declare it;
// the SQLite suites run under Node 24, whose module this matches.
declare module 'node:sqlite' {
  type Value = string | number | bigint | null | Uint8Array
  export class StatementSync {
    all(...params: Value[]): Record<string, Value>[]
    get(...params: Value[]): Record<string, Value> | undefined
    run(...params: Value[]): { changes: number | bigint; lastInsertRowid: number | bigint }
  }
  export class DatabaseSync {
    constructor(path: string, options?: { open?: boolean; readOnly?: boolean; timeout?: number })
    prepare(sql: string): StatementSync
    exec(sql: string): void
    close(): void
    location(): string | null
  }
}

// `bun:sqlite` as the tests use it (Bun's own types are not installed).
declare module 'bun:sqlite' {
  type Value = string | number | bigint | null | Uint8Array
  export class Statement {
    all(...params: Value[]): Record<string, Value>[]
    get(...params: Value[]): Record<string, Value> | null
    run(...params: Value[]): { changes: number; lastInsertRowid: number | bigint }
  }
  export class Database {
    constructor(filename?: string, options?: { create?: boolean; readonly?: boolean; strict?: boolean })
    prepare(sql: string): Statement
    query(sql: string): Statement
    exec(sql: string): void
    close(): void
    readonly filename: string
  }
}

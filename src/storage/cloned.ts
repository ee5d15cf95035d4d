import { toStorageError } from '../errors.js'

/** A structured clone, failing as IndexedDB's would (`ValidationError` for data that cannot be cloned). */
export function cloned<T>(value: T, doing: string): T {
  try {
    return structuredClone(value)
  } catch (error) {
    throw toStorageError(error, doing)
  }
}

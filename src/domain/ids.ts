import { randomFillSync } from 'node:crypto'

/** The form of every id: a lower-case UUID (ours are version 7; older data may hold others). */
export const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** Whether a string can be an id: anything else names nothing, and need not be looked up. */
export function isId(value: string): boolean {
  return ID_PATTERN.test(value)
}

/** Makes a new unique id. */
export type IdGenerator = () => string

/**
 * UUID version 7 (RFC 9562): a millisecond timestamp then random bits, so ids
 * sort by creation time and index well on both databases. `now` comes from
 * the injected clock (context.ts), in milliseconds since the epoch.
 */
export function uuidv7(now: number): string {
  const bytes = randomSixteen()
  bytes.writeUIntBE(now, 0, 6)
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x70
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** Random bytes drawn 4 KiB at a time: one call to the system's generator per 256 ids. */
const POOL = Buffer.alloc(4096)
let used = POOL.length

/** Sixteen fresh random bytes, in a buffer of their own (the pool is never handed out). */
function randomSixteen(): Buffer {
  if (used === POOL.length) {
    randomFillSync(POOL)
    used = 0
  }
  const bytes = Buffer.from(POOL.subarray(used, used + 16))
  POOL.fill(0, used, used + 16)
  used += 16
  return bytes
}

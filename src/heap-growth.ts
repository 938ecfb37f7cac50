import { setFlagsFromString } from 'node:v8'

/**
 * How far V8 lets the heap grow past what survived its last full collection,
 * in percent. Left to itself it grows it up to four times under load: a
 * server keeping 60 MB live reserved some 250 MB. Ten percent keeps the
 * reserve close to what is live, at the cost of more frequent (incremental,
 * mostly concurrent) collections: on the benchmark's long tail, 4.4 ms of
 * CPU per request against 3.1, for a peak of 289 MB against 457. Memory
 * outside the heap that is allocated and dropped per request (a Buffer per
 * answer) brings the next one nearer too: see web/plugins/page-bytes.ts. It
 * bounds nothing: a large site still gets all the heap it needs, so this
 * cannot run it out of memory.
 */
export const HEAP_GROWING_PERCENT = 10

const FLAG = '--heap-growing-percent'

/**
 * Sets the heap's growth for a long-running server, unless the operator chose
 * it in node's arguments (Node refuses it in NODE_OPTIONS). The flag is read
 * at each collection, so setting it once the process runs takes effect.
 */
export function collectSooner(execArgv: readonly string[] = process.execArgv): boolean {
  if (execArgv.some((arg) => arg.startsWith(FLAG))) return false
  setFlagsFromString(`${FLAG}=${HEAP_GROWING_PERCENT}`)
  return true
}

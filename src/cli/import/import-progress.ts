// The progress lines of `dateline import` on standard error, only when it is
// a terminal (a pipe or a file gets the report and the summary alone): one
// line for a run of archive files (files done of all, items, rate), and one
// per streamed export (bytes read of its size, items, rate). Each line stays
// on the terminal when its input is done.
import { SingleBar } from 'cli-progress'
import type { Clock } from '../../domain/clock.js'

export interface ArchiveProgress {
  /** A file done, with the items imported so far in the run. */
  fileDone(): void
  item(): void
  stop(): void
}

export interface FileProgress {
  /** The file opened again (a reader that reads it twice): the bytes count from 0, pass 2. */
  opened(): void
  /** Bytes read from the file (each chunk as it is read). */
  read(bytes: number): void
  item(): void
  stop(): void
}

export interface ImportProgress {
  archive(files: number): ArchiveProgress
  file(name: string, size: number): FileProgress
}

const silent = { fileDone() {}, item() {}, opened() {}, read() {}, stop() {} }

const megabytes = (bytes: number) => (bytes / 1024 / 1024).toFixed(1)

export function createImportProgress(
  stream: NodeJS.WritableStream | undefined,
  clock: Clock,
): ImportProgress {
  if (!stream) return { archive: () => silent, file: () => silent }
  /** Items a second since `started` (the clock's milliseconds), for the eye only. */
  const rateSince = (started: number, items: number): string => {
    const seconds = (clock.now().getTime() - started) / 1000
    return seconds > 0 ? (items / seconds).toFixed(0) : '0'
  }
  return {
    archive(files) {
      const bar = new SingleBar({
        format: 'Importing [{bar}] {value}/{total} files, {items} items, {rate} items/s',
        stream,
      })
      const started = clock.now().getTime()
      let items = 0
      bar.start(files, 0, { items, rate: '0' })
      return {
        fileDone: () => bar.increment(1, { items, rate: rateSince(started, items) }),
        item: () => void items++,
        stop: () => bar.stop(),
      }
    },
    file(name, size) {
      const bar = new SingleBar({
        format: `${name} [{bar}] {read}/{size} MB (pass {pass}), {items} items, {rate} items/s`,
        stream,
      })
      const started = clock.now().getTime()
      let items = 0
      let bytes = 0
      let pass = 0
      const payload = () => ({
        pass,
        read: megabytes(bytes),
        size: megabytes(size),
        items,
        rate: rateSince(started, items),
      })
      bar.start(Math.max(size, 1), 0, payload())
      return {
        opened() {
          pass++
          bytes = 0
          bar.update(0, payload())
        },
        read(count) {
          bytes += count
          bar.update(Math.min(bytes, size), payload())
        },
        item() {
          items++
          bar.update(Math.min(bytes, size), payload())
        },
        stop: () => bar.stop(),
      }
    },
  }
}

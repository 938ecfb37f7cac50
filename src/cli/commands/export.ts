import { once } from 'node:events'
import { createWriteStream } from 'node:fs'
import { mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises'
import { dirname, join, resolve } from 'node:path'
import type { AppContext } from '../../context.js'
import { EXPORT_COLLECTIONS, type ExportCollection } from '../../domain/export/export-document.js'
import type { CliOutput } from '../io.js'

export const EXPORT_DOCUMENT = 'dateline-export.json'

/** Exports hold staff emails and unpublished drafts: folders and files only the owner reads. */
const PRIVATE_DIR = 0o700
const PRIVATE_FILE = 0o600

/** A folder to write into: missing (made) or empty; anything else is refused before any work. */
async function prepareFolder(folder: string): Promise<string | undefined> {
  const info = await stat(folder).catch(() => undefined)
  if (info && !info.isDirectory()) {
    return `${folder} is a file; give a folder to write the export into.`
  }
  if (info && (await readdir(folder)).length > 0) {
    return `${folder} is not empty; give a new or empty folder, so that no file of another export is mixed in.`
  }
  await mkdir(folder, { recursive: true, mode: PRIVATE_DIR })
  return undefined
}

/**
 * `dateline export DIR`: the document (streamed, a record per line), the
 * media originals and every article as plain text. The document is written
 * under a temporary name and renamed last, so a folder with
 * dateline-export.json in it holds a whole export.
 */
export async function runExport(ctx: AppContext, folder: string, out: CliOutput): Promise<number> {
  const root = resolve(folder)
  const refused = await prepareFolder(root)
  if (refused) {
    out.error(refused)
    return 1
  }
  const partial = join(root, `${EXPORT_DOCUMENT}.partial`)
  const stream = createWriteStream(partial, { mode: PRIVATE_FILE })
  const write = async (text: string) => {
    if (!stream.write(text)) await once(stream, 'drain')
  }
  const counts = new Map<ExportCollection, number>()
  const problems: string[] = []
  const { exporter } = ctx.services

  const header = { ...(await exporter.header()), exportedAt: ctx.clock.now().toISOString() }
  await write(JSON.stringify(header).slice(0, -1))
  let open: number = -1
  const openUpTo = async (collection: ExportCollection) => {
    const target = EXPORT_COLLECTIONS.indexOf(collection)
    while (open < target) {
      if (open >= 0) await write('\n]')
      open++
      await write(`,\n${JSON.stringify(EXPORT_COLLECTIONS[open])}: [`)
    }
  }

  for await (const entry of exporter.entries()) {
    await openUpTo(entry.collection)
    const count = counts.get(entry.collection) ?? 0
    await write(`${count === 0 ? '\n' : ',\n'}${JSON.stringify(entry.record)}`)
    counts.set(entry.collection, count + 1)
    for (const file of entry.files) {
      const bytes = await file.bytes()
      if (bytes === undefined) {
        problems.push(`${file.path}: the file is missing from media storage`)
        continue
      }
      const path = join(root, file.path)
      await mkdir(dirname(path), { recursive: true, mode: PRIVATE_DIR })
      await writeFile(path, bytes, { mode: PRIVATE_FILE })
    }
  }
  const last = EXPORT_COLLECTIONS[EXPORT_COLLECTIONS.length - 1]
  if (last) await openUpTo(last)
  await write('\n]\n}\n')
  stream.end()
  await once(stream, 'finish')
  await rename(partial, join(root, EXPORT_DOCUMENT))

  out.log(`Exported to ${root}:`)
  for (const collection of EXPORT_COLLECTIONS) {
    out.log(`  ${collection.padEnd(10)} ${counts.get(collection) ?? 0}`)
  }
  for (const problem of problems) out.error(`✗ ${problem}`)
  return problems.length > 0 ? 1 : 0
}

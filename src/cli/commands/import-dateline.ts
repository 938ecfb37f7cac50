// `dateline import DIR` where DIR is a Dateline export (or --format dateline):
// the whole site written back, or nothing when the export cannot be.
import type { AppContext } from '../../context.js'
import { ExportRestoreError, type RestoreSummary } from '../../domain/export/restore-service.js'
import { DomainError } from '../../domain/errors.js'
import { exportDocumentPath, readDatelineExport } from '../import/dateline-export-reader.js'
import type { CliOutput } from '../io.js'

export const DATELINE_FORMAT = 'dateline'

/** The named paths that are Dateline exports (all of them, with --format dateline) and the rest. */
export async function splitDatelineExports(
  paths: readonly string[],
  forced: boolean,
): Promise<{ exports: string[]; others: string[]; problems: string[] }> {
  const split = { exports: [] as string[], others: [] as string[], problems: [] as string[] }
  for (const path of paths) {
    const document = await exportDocumentPath(path)
    if (document) split.exports.push(document)
    else if (forced) {
      split.problems.push(
        `${path} is not a Dateline export: give the folder \`dateline export\` wrote (it holds dateline-export.json).`,
      )
    } else split.others.push(path)
  }
  return split
}

function printSummary(out: CliOutput, summary: RestoreSummary): void {
  const { created, updated, unchanged } = summary.articles
  out.log(
    `Imported the export: articles ${created} created, ${updated} updated, ${unchanged} unchanged; ${summary.sections} sections, ${summary.authors} authors, ${summary.tags} tags, ${summary.media} media items, ${summary.pages} pages, ${summary.threads} threads, ${summary.redirects} redirects, ${summary.comments} comments.`,
  )
}

/** Imports one export; exit code 1, with nothing imported, when anything in it is wrong. */
export async function runDatelineImport(
  ctx: AppContext,
  documentPath: string,
  out: CliOutput,
): Promise<number> {
  const read = await readDatelineExport(documentPath)
  const refuse = (problems: readonly string[]) => {
    for (const problem of problems) out.error(`✗ ${problem}`)
    out.error(`Nothing was imported from ${documentPath}.`)
    return 1
  }
  if ('problems' in read) return refuse(read.problems)
  try {
    printSummary(out, await ctx.services.restorer.restore(read.document, read.files))
    const staff = read.document.users.length
    if (staff > 0) {
      out.log(
        `The export names ${staff} staff account${staff === 1 ? '' : 's'}; accounts are not imported: add them with \`dateline user add\`.`,
      )
    }
    return 0
  } catch (error) {
    if (error instanceof ExportRestoreError) return refuse(error.problems)
    if (error instanceof DomainError) return refuse([error.message])
    throw error
  }
}

/** Each export in turn; the worst exit code. */
export async function runDatelineImports(
  ctx: AppContext,
  documents: readonly string[],
  out: CliOutput,
): Promise<number> {
  let code = 0
  for (const document of documents) {
    code = Math.max(code, await runDatelineImport(ctx, document, out))
  }
  return code
}

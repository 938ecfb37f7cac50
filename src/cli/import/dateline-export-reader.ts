// A Dateline export folder (`dateline export DIR`) read for `dateline import`:
// the document parsed (a malformed one named by line and column), its format
// and version checked, then held to the schema in the repository; the media
// files read from the folder, never from outside it.
import { readFileSync } from 'node:fs'
import { readFile, stat } from 'node:fs/promises'
import { basename, join, relative, resolve, sep } from 'node:path'
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js'
import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  type ExportDocument,
} from '../../domain/export/export-document.js'
import type { ExportFiles } from '../../domain/export/restore-service.js'
import { EXPORT_DOCUMENT } from '../commands/export.js'

/** Schema errors shown before "and N more". */
const SHOWN_ERRORS = 10

const schemaUrl = new URL('../../../schemas/dateline-export-1.schema.json', import.meta.url)

let validator: ValidateFunction | undefined

/**
 * The schema's validator, loaded and compiled on the first export read: every
 * other import (and every other command) goes without ajv, whose modules would
 * otherwise stay live in their heaps.
 */
async function schemaValidator(): Promise<ValidateFunction> {
  if (!validator) {
    // CommonJS packages: `default` is the exports object under Node and in a split
    // bundle alike (see domain/accounts/password-strength.ts).
    const [ajvModule, formatsModule] = await Promise.all([
      import('ajv/dist/2020.js'),
      import('ajv-formats'),
    ])
    const ajv = new ajvModule.default.Ajv2020({ allErrors: true, strict: true })
    formatsModule.default.default(ajv)
    validator = ajv.compile(JSON.parse(readFileSync(schemaUrl, 'utf8')) as object)
  }
  return validator
}

async function validate(document: unknown) {
  const check = await schemaValidator()
  const valid = check(document)
  return { valid, errors: check.errors ?? [] }
}

/** The document's path when `path` is an export folder (or its document); otherwise undefined. */
export async function exportDocumentPath(path: string): Promise<string | undefined> {
  const info = await stat(path).catch(() => undefined)
  if (!info) return undefined
  if (info.isFile()) return basename(path) === EXPORT_DOCUMENT ? path : undefined
  const document = join(path, EXPORT_DOCUMENT)
  return (await stat(document).catch(() => undefined))?.isFile() ? document : undefined
}

export type ReadExport = { document: ExportDocument; files: ExportFiles } | { problems: string[] }

/** Line and column (from 1) of a character offset. */
function lineAndColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset)
  const line = before.split('\n').length
  return { line, column: offset - before.lastIndexOf('\n') }
}

function parseJson(text: string): { value: unknown } | { problem: string } {
  try {
    return { value: JSON.parse(text) as unknown }
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const at = /position (\d+)/.exec(message)
    const offset = at ? Number(at[1]) : text.length
    const { line, column } = lineAndColumn(text, offset)
    const reason = message
      .replace(/ in JSON at position \d+.*$/, '')
      .replace(/^Unexpected end of JSON input$/, 'the document ends too soon')
    return { problem: `is not valid JSON at line ${line}, column ${column}: ${reason}` }
  }
}

/** "articles[3] (\"harbour-wall\")": the item an error's path is inside, by its slug or id. */
function itemNamed(document: unknown, pointer: string): string {
  const [collection, index, ...rest] = pointer.split('/').slice(1)
  if (collection === undefined) return 'the document'
  const records = (document as Record<string, unknown>)[collection]
  if (index === undefined || !Array.isArray(records)) return pointer
  const record = records[Number(index)] as { slug?: unknown; id?: unknown } | undefined
  const name = typeof record?.slug === 'string' ? record.slug : record?.id
  const where = rest.length > 0 ? `, at /${rest.join('/')}` : ''
  return `${collection}[${index}]${typeof name === 'string' ? ` ("${name}")` : ''}${where}`
}

function schemaProblem(document: unknown, error: ErrorObject): string {
  const detail =
    error.keyword === 'additionalProperties'
      ? `has a field "${String(error.params.additionalProperty)}" the schema does not know`
      : (error.message ?? 'does not match the schema')
  return `${itemNamed(document, error.instancePath)} ${detail}`
}

/** The format and version, checked before the schema: a newer export gets a message that says so. */
function versionProblem(value: unknown): string | undefined {
  const header = value as { format?: unknown; version?: unknown } | null
  if (typeof header !== 'object' || header === null || header.format !== EXPORT_FORMAT) {
    return `is not a Dateline export (its "format" is not "${EXPORT_FORMAT}")`
  }
  if (header.version !== EXPORT_VERSION) {
    return `is a Dateline export of version ${JSON.stringify(header.version)}; this Dateline reads version ${EXPORT_VERSION} only`
  }
  return undefined
}

/** Files named in the document, read only from inside the export folder. */
function filesIn(root: string): ExportFiles {
  return async (path) => {
    const full = resolve(root, path)
    const inside = relative(root, full)
    if (inside === '' || inside.startsWith(`..${sep}`) || inside === '..') return undefined
    return readFile(full).catch(() => undefined)
  }
}

/** The export at `documentPath`, or every problem that keeps it from being imported. */
export async function readDatelineExport(documentPath: string): Promise<ReadExport> {
  const text = await readFile(documentPath, 'utf8')
  const parsed = parseJson(text)
  if ('problem' in parsed) return { problems: [`${documentPath} ${parsed.problem}`] }
  const wrongVersion = versionProblem(parsed.value)
  if (wrongVersion) return { problems: [`${documentPath} ${wrongVersion}`] }
  const { valid, errors } = await validate(parsed.value)
  if (!valid) {
    const shown = errors.slice(0, SHOWN_ERRORS).map((error) => schemaProblem(parsed.value, error))
    if (errors.length > SHOWN_ERRORS) shown.push(`and ${errors.length - SHOWN_ERRORS} more`)
    return { problems: shown.map((problem) => `${documentPath}: ${problem}`) }
  }
  const root = resolve(documentPath, '..')
  return { document: parsed.value as ExportDocument, files: filesIn(root) }
}

// A Ghost JSON export, parsed and checked: well-formed JSON (else the line
// and column of the first fault), a version from 2 to 5, the tables posts
// need, indexed by id.
import { ImportSourceError } from '../import-item.js'
import { jsonFaultOffset } from './json-fault.js'

export type GhostRow = Record<string, unknown>

export interface GhostData {
  version: string
  posts: GhostRow[]
  users: Map<string, GhostRow>
  tags: Map<string, GhostRow>
  postsMeta: Map<string, GhostRow>
  postsTags: GhostRow[]
  postsAuthors: GhostRow[]
}

const SUPPORTED_MAJORS = [2, 3, 4, 5]

/** Line and column (from 1) of a character offset. */
function positionOf(source: string, offset: number): { line: number; column: number } {
  const before = source.slice(0, Math.max(0, Math.min(offset, source.length)))
  const lines = before.split('\n')
  return { line: lines.length, column: (lines.at(-1)?.length ?? 0) + 1 }
}

function parseJson(source: string): unknown {
  try {
    return JSON.parse(source)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    const offset = jsonFaultOffset(source)
    const reason = message
      .replace(/\s*in JSON at position \d+.*$/, '')
      .replace(/,\s*(?:\.\.\.)?".*$/s, '')
    throw new ImportSourceError(
      `This is not well-formed JSON: ${reason}`,
      positionOf(source, offset < 0 ? source.length : offset),
    )
  }
}

const isObject = (value: unknown): value is GhostRow =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const rowsOf = (data: GhostRow, table: string): GhostRow[] => {
  const rows = data[table]
  return Array.isArray(rows) ? rows.filter(isObject) : []
}

const byId = (rows: GhostRow[], key = 'id'): Map<string, GhostRow> =>
  new Map(rows.map((row) => [String(row[key]), row]))

/** The export's parts, or ImportSourceError saying what is wrong with it. */
export function parseGhostExport(source: string): GhostData {
  const parsed = parseJson(source)
  // Ghost writes {"db": [{meta, data}]}; some tools write {meta, data} alone.
  const db: unknown = isObject(parsed) ? parsed['db'] : undefined
  const root: unknown = Array.isArray(db) ? (db as unknown[])[0] : parsed
  if (!isObject(root) || !isObject(root['meta']) || !isObject(root['data'])) {
    throw new ImportSourceError(
      'This is not a Ghost export: a Ghost export has "db" (or "meta" and "data") at its top.',
    )
  }
  const rawVersion = root['meta']['version']
  const version =
    typeof rawVersion === 'string' || typeof rawVersion === 'number' ? String(rawVersion) : ''
  const major = Number(/^(\d+)\./.exec(version)?.[1])
  if (!SUPPORTED_MAJORS.includes(major)) {
    throw new ImportSourceError(
      `This Ghost export is from version "${version || 'unknown'}"; exports from Ghost 2 to 5 can be read.`,
    )
  }
  const data = root['data']
  if (!Array.isArray(data['posts'])) {
    throw new ImportSourceError('This Ghost export has no "posts" table.')
  }
  return {
    version,
    posts: rowsOf(data, 'posts'),
    users: byId(rowsOf(data, 'users')),
    tags: byId(rowsOf(data, 'tags')),
    postsMeta: byId(rowsOf(data, 'posts_meta'), 'post_id'),
    postsTags: rowsOf(data, 'posts_tags'),
    postsAuthors: rowsOf(data, 'posts_authors'),
  }
}

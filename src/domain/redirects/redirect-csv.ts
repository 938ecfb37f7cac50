import { parseTable } from '../../text/csv.js'
import { ValidationError } from '../errors.js'
import { newAddress, oldAddressKey, REDIRECT_LIMITS } from './redirect.js'
import type { RedirectMove } from './save-redirects.js'

export interface CsvProblem {
  line: number
  message: string
}

/** A first row naming its columns ("from,to", "old,new", "source,target"…) is a header, not a redirect. */
const HEADER = /^(?:from|old|source|old[ _-]?(?:url|address|path))$/i

/**
 * Redirects from CSV text: two columns, the old address and the new one. Every
 * line is checked; the caller saves nothing unless there are no problems.
 */
export function readRedirectCsv(text: string): { moves: RedirectMove[]; problems: CsvProblem[] } {
  if (Buffer.byteLength(text) > REDIRECT_LIMITS.csvBytes) {
    throw new ValidationError(
      'csv_too_large',
      `The file is larger than ${REDIRECT_LIMITS.csvBytes / 1_000_000} MB; split it.`,
      { field: 'file' },
    )
  }
  const table = parseTable(text)
  if ('error' in table) {
    return { moves: [], problems: [{ line: table.line, message: table.error }] }
  }
  const rows = table.rows.filter((row) => row.cells.some((cell) => cell.trim() !== ''))
  if (rows.length > 0 && HEADER.test(rows[0]?.cells[0]?.trim() ?? '')) rows.shift()
  if (rows.length > REDIRECT_LIMITS.csvRows) {
    throw new ValidationError(
      'csv_too_many_rows',
      `The file has ${rows.length} redirects; at most ${REDIRECT_LIMITS.csvRows} go in one file.`,
      { field: 'file' },
    )
  }
  const moves: RedirectMove[] = []
  const problems: CsvProblem[] = []
  const seen = new Map<string, number>()
  for (const { line, cells } of rows) {
    if (cells.length !== 2) {
      problems.push({
        line,
        message: `Expected 2 columns (old address, new address), found ${cells.length}.`,
      })
      continue
    }
    try {
      const from = oldAddressKey(cells[0] ?? '')
      const to = newAddress(cells[1] ?? '')
      const earlier = seen.get(from)
      if (earlier !== undefined) {
        problems.push({ line, message: `${from} is already redirected on line ${earlier}.` })
        continue
      }
      seen.set(from, line)
      moves.push({ from, to })
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error
      problems.push({ line, message: error.message })
    }
  }
  return { moves, problems }
}

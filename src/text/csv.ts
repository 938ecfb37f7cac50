import { parse } from 'csv-parse/sync'

export interface CsvRow {
  /** The line the row ends on (its only line, but for quoted line breaks), counting from 1. */
  line: number
  cells: string[]
}

/**
 * Rows of CSV text (RFC 4180: quoted cells may hold commas, quotes and line
 * breaks), each with the line it starts on; rows may differ in length. A
 * malformed file is an error naming its line, never an exception.
 */
export function parseTable(text: string): { rows: CsvRow[] } | { error: string; line: number } {
  try {
    // csv-parse's types do not follow the `info` option to the shape it returns.
    const records = parse(text.replace(/^\uFEFF/, ''), {
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as Array<{ record: string[]; info: { lines: number } }>
    return { rows: records.map(({ record, info }) => ({ line: info.lines, cells: record })) }
  } catch (error) {
    const line = (error as { lines?: number }).lines ?? 1
    return { error: `The file is not valid CSV: ${(error as Error).message}`, line }
  }
}

// The shared options of `dateline import`, read when the command line is: a bad
// value is a usage error (exit 2) that says what is wrong.
import { readFileSync, statSync } from 'node:fs'
import { InvalidArgumentError } from 'commander'
import { parseSectionMap, type SectionMap } from '../../domain/imports/section-map.js'
import { isValidCalendarDate, type CalendarDate } from '../../text/dates.js'
import type { FormatReader } from './format-reader.js'
import { formatNames, readerNamed } from './formats.js'
import { DATELINE_FORMAT } from '../commands/import-dateline.js'

/** Every name --format takes: the readers' and a Dateline export's. */
export function allFormatNames(): string[] {
  return [...formatNames(), DATELINE_FORMAT]
}

/** --format NAME → its reader, or "dateline" for a Dateline export. */
export function formatArgument(name: string): FormatReader | typeof DATELINE_FORMAT {
  if (name === DATELINE_FORMAT) return name
  const reader = readerNamed(name)
  if (!reader) {
    throw new InvalidArgumentError(
      `There is no format "${name}"; formats: ${allFormatNames().join(', ')}.`,
    )
  }
  return reader
}

/** --date YYYY-MM-DD → a calendar day that exists. */
export function dateArgument(value: string): CalendarDate {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim())
  const date = match && { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) }
  if (!date || !isValidCalendarDate(date)) {
    throw new InvalidArgumentError('Give a day that exists, as YYYY-MM-DD (e.g. 2015-11-27).')
  }
  return date
}

/** --media DIR → the folder, which must exist. */
export function mediaArgument(path: string): string {
  const info = statSync(path, { throwIfNoEntry: false })
  if (!info?.isDirectory()) throw new InvalidArgumentError(`${path} is not a folder.`)
  return path
}

/** --section-map FILE → the map; the first bad line is named by its number. */
export function sectionMapArgument(path: string): SectionMap {
  let text: string
  try {
    text = readFileSync(path, 'utf8')
  } catch (error) {
    throw new InvalidArgumentError(
      `${path} cannot be read (${(error as NodeJS.ErrnoException).code ?? 'error'}).`,
    )
  }
  const parsed = parseSectionMap(text)
  if (!parsed.ok) throw new InvalidArgumentError(`${path}, line ${parsed.line}: ${parsed.problem}.`)
  return parsed.map
}

import { isValidCalendarDate, zonedTimeToInstant, type CalendarDate } from '../../text/dates.js'
import { NotFoundError } from '../errors.js'
import type { PublishedFilter } from './article-store.js'

/** A page of the date archive: a year, a month of a year, or a day. */
export type ArchivePeriod =
  | { year: number; month?: undefined; day?: undefined }
  | { year: number; month: number; day?: undefined }
  | { year: number; month: number; day: number }

/** Whether the period names a real year (1000–9999), month or day: 2015-02-30 does not. */
export function isValidArchivePeriod(period: ArchivePeriod): boolean {
  return isValidCalendarDate({
    year: period.year,
    month: period.month ?? 1,
    day: period.day ?? 1,
  })
}

/** The first calendar day after the period, or undefined after the year 9999. */
function dayAfter({ year, month, day }: ArchivePeriod): CalendarDate | undefined {
  let next: Date
  if (day !== undefined) next = new Date(Date.UTC(year, month - 1, day + 1))
  else if (month !== undefined) next = new Date(Date.UTC(year, month, 1))
  else next = new Date(Date.UTC(year + 1, 0, 1))
  const after = {
    year: next.getUTCFullYear(),
    month: next.getUTCMonth() + 1,
    day: next.getUTCDate(),
  }
  return isValidCalendarDate(after) ? after : undefined
}

/**
 * The instants the period spans on the clocks of `timeZone`: from its first
 * midnight (or the first instant after a gap there) up to, not including, the
 * next period's. `before` is undefined when nothing comes after (9999).
 */
export function archiveBounds(
  period: ArchivePeriod,
  timeZone: string,
): { from: Date; before: Date | undefined } {
  const from = zonedTimeToInstant(
    { year: period.year, month: period.month ?? 1, day: period.day ?? 1 },
    timeZone,
  )
  const after = dayAfter(period)
  return { from, before: after ? zonedTimeToInstant(after, timeZone) : undefined }
}

/**
 * The listing filter for the articles published in a period of the site's
 * time zone. A period that names no real date is NotFoundError: /2015/02/30
 * names no page.
 */
export function archiveFilter(period: ArchivePeriod, timeZone: string): PublishedFilter {
  if (!isValidArchivePeriod(period)) {
    throw new NotFoundError('date_not_found', 'There is no such date in the archive.')
  }
  const { from, before } = archiveBounds(period, timeZone)
  return { publishedFrom: from, publishedBefore: before }
}

import { isValidCalendarDate, ordinal, type CalendarDate } from '../dates.js'

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday']
const MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
]

const DATE_LINE =
  /^(?:(?<weekday>[a-z]+),?\s+)?(?<month>[a-z]+)\s+(?<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?<year>\d{4})$/i

export type DateLine =
  | { kind: 'date'; date: CalendarDate; weekdayMismatch: boolean }
  | { kind: 'invalid'; reason: string }

/**
 * Reads a date line such as "Friday, November 27th 2015" (weekday optional).
 * Returns undefined for lines that are not date lines at all, and `invalid`
 * for lines that are, but name a day that does not exist.
 */
export function parseDateLine(line: string): DateLine | undefined {
  const match = DATE_LINE.exec(line.trim())
  if (!match?.groups) return undefined
  const { weekday, month, day, year } = match.groups
  const monthIndex = MONTHS.indexOf((month ?? '').toLowerCase())
  const weekdayIndex = weekday === undefined ? -1 : WEEKDAYS.indexOf(weekday.toLowerCase())
  if (monthIndex < 0 || (weekday !== undefined && weekdayIndex < 0)) return undefined
  const date = { year: Number(year), month: monthIndex + 1, day: Number(day) }
  if (!isValidCalendarDate(date)) {
    return { kind: 'invalid', reason: `"${line.trim()}" names a day that does not exist` }
  }
  const actualWeekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  return {
    kind: 'date',
    date,
    weekdayMismatch: weekdayIndex >= 0 && weekdayIndex !== actualWeekday,
  }
}

/** A calendar date as the archive form writes it: "Friday, November 27th 2015". */
export function formatDateLine(date: CalendarDate): string {
  const weekday =
    WEEKDAYS[new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()] ?? ''
  const month = MONTHS[date.month - 1] ?? ''
  return `${capitalise(weekday)}, ${capitalise(month)} ${ordinal(date.day)} ${date.year}`
}

function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1)
}

/** A calendar date with no time or zone: what a news page's date line names. */
export interface CalendarDate {
  year: number
  month: number // 1–12
  day: number
}

export interface ZonedParts extends CalendarDate {
  hour: number
  minute: number
  second: number
  weekday: number // 0 = Sunday
}

const formatters = new Map<string, Intl.DateTimeFormat>()

// Creating an Intl.DateTimeFormat costs far more than using one; pages format many dates.
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let found = formatters.get(key)
  if (!found) {
    found = make()
    formatters.set(key, found)
  }
  return found
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat']

/** Whether `timeZone` is an IANA zone name this runtime knows. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone })
    return true
  } catch {
    return false
  }
}

export function isValidCalendarDate({ year, month, day }: CalendarDate): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false
  if (year < 1000 || year > 9999 || month < 1 || month > 12 || day < 1) return false
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate()
}

/** The wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts = formatter(
    `parts:${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        weekday: 'short',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      }),
  ).formatToParts(instant)
  const get = (type: Intl.DateTimeFormatPartTypes): string =>
    parts.find((part) => part.type === type)?.value ?? ''
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: WEEKDAYS.indexOf(get('weekday')),
  }
}

/**
 * The instant at which the clocks of `timeZone` show the given wall time.
 * In a gap (clocks going forward) the result falls after the gap.
 */
export function zonedTimeToInstant(
  wall: CalendarDate & { hour?: number; minute?: number },
  timeZone: string,
): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour ?? 0, wall.minute ?? 0)
  const offsetAt = (instant: number): number => {
    const seen = zonedParts(new Date(instant), timeZone)
    return Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) - instant
  }
  // The zone's offset at a guess, then at the corrected instant: two rounds settle any wall
  // time that exists.
  const first = asUtc - offsetAt(asUtc)
  const second = asUtc - offsetAt(first)
  if (second === first || asUtc - offsetAt(second) === second) return new Date(second)
  // A wall time in a gap exists at no instant, and the rounds swing between the offsets on
  // either side of it. The offset from before the gap gives the later instant: after the gap.
  return new Date(Math.max(first, second))
}

/** The calendar date an instant falls on in a time zone. */
export function zonedDate(instant: Date, timeZone: string): CalendarDate {
  const { year, month, day } = zonedParts(instant, timeZone)
  return { year, month, day }
}

const englishOrdinals = new Intl.PluralRules('en', { type: 'ordinal' })
const ORDINAL_SUFFIX: Record<string, string> = { one: 'st', two: 'nd', few: 'rd', other: 'th' }

export function ordinal(day: number): string {
  return `${day}${ORDINAL_SUFFIX[englishOrdinals.select(day)] ?? 'th'}`
}

export interface DateFormatOptions {
  timeZone: string
  locale: string
}

/**
 * A date as a news page prints it: "Friday, November 27th 2015" in English,
 * the locale's full date style otherwise.
 */
export function formatLongDate(instant: Date, { timeZone, locale }: DateFormatOptions): string {
  if (locale === 'en' || locale.startsWith('en-')) {
    const parts = zonedParts(instant, timeZone)
    const names = formatter(
      `en-names:${timeZone}`,
      () => new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', month: 'long' }),
    ).formatToParts(instant)
    const weekday = names.find((part) => part.type === 'weekday')?.value ?? ''
    const month = names.find((part) => part.type === 'month')?.value ?? ''
    return `${weekday}, ${month} ${ordinal(parts.day)} ${parts.year}`
  }
  return formatter(
    `full:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }),
  ).format(instant)
}

/** A time of day with the zone's short name: "14:05 GMT". */
export function formatTimeOfDay(instant: Date, { timeZone, locale }: DateFormatOptions): string {
  return formatter(
    `time:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }),
  ).format(instant)
}

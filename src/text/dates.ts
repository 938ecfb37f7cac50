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

/** The parts of an instant as Intl reports them in a zone: exact, but slow to ask. */
function intlParts(instant: number, timeZone: string): ZonedParts {
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

// A zone's offset from UTC changes only at transitions, and those fall on a
// quarter hour: one Intl call per zone and quarter hour, then plain arithmetic.
// A page with fifty dates asks Intl once or twice instead of a hundred times.
// Most days have no transition: a day whose first and last quarter hours have
// the same offset has it throughout (no zone changes twice within a day), so
// the dates of a year of stories ask Intl about twice a day they fall on,
// not once a quarter hour.
const QUARTER_HOUR = 15 * 60 * 1000
const DAY = 24 * 60 * 60 * 1000
const MAX_OFFSETS = 100_000
const offsets = new Map<string, number>()

function remembered(key: string, find: () => number): number {
  let offset = offsets.get(key)
  if (offset === undefined) {
    offset = find()
    if (offsets.size >= MAX_OFFSETS) offsets.clear()
    offsets.set(key, offset)
  }
  return offset
}

const floorTo = (instant: number, unit: number): number =>
  instant - (((instant % unit) + unit) % unit)

function quarterOffset(quarter: number, timeZone: string): number {
  return remembered(`${timeZone} ${quarter}`, () => {
    const p = intlParts(quarter, timeZone)
    return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second) - quarter
  })
}

/** The zone's offset through the UTC day starting at `day`; NaN if the day has a transition. */
function dayOffset(day: number, timeZone: string): number {
  return remembered(`${timeZone} day ${day}`, () => {
    const first = quarterOffset(day, timeZone)
    return first === quarterOffset(day + DAY - QUARTER_HOUR, timeZone) ? first : NaN
  })
}

function offsetAt(instant: number, timeZone: string): number {
  const whole = dayOffset(floorTo(instant, DAY), timeZone)
  // A day with a transition: each quarter hour is asked for.
  return Number.isNaN(whole) ? quarterOffset(floorTo(instant, QUARTER_HOUR), timeZone) : whole
}

/** The wall-clock parts of an instant in a time zone. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const local = new Date(instant.getTime() + offsetAt(instant.getTime(), timeZone))
  return {
    year: local.getUTCFullYear(),
    month: local.getUTCMonth() + 1,
    day: local.getUTCDate(),
    hour: local.getUTCHours(),
    minute: local.getUTCMinutes(),
    second: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
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

const ordinalOf = (day: number): string =>
  `${day}${ORDINAL_SUFFIX[englishOrdinals.select(day)] ?? 'th'}`

/** The days of a month as ordinals, made once: Intl's plural rules are slow to ask. */
const MONTH_DAYS = Array.from({ length: 32 }, (_, day) => ordinalOf(day))

export function ordinal(day: number): string {
  return MONTH_DAYS[day] ?? ordinalOf(day)
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
    return `${WEEKDAY_NAMES[parts.weekday]}, ${MONTH_NAMES[parts.month - 1]} ${ordinal(parts.day)} ${parts.year}`
  }
  return formatter(
    `full:${locale}:${timeZone}`,
    () => new Intl.DateTimeFormat(locale, { timeZone, dateStyle: 'full' }),
  ).format(instant)
}

/** A month as an archive heading names it: "November 2015" in English, the locale's form otherwise. */
export function formatMonthYear(
  { year, month }: { year: number; month: number },
  locale: string,
): string {
  if (locale === 'en' || locale.startsWith('en-')) return `${MONTH_NAMES[month - 1]} ${year}`
  return formatter(
    `month:${locale}`,
    () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', year: 'numeric', month: 'long' }),
  ).format(Date.UTC(year, month - 1, 15))
}

const WEEKDAY_NAMES = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday']
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
]

const timeFormatter = (locale: string, timeZone: string): Intl.DateTimeFormat =>
  formatter(
    `time:${locale}:${timeZone}`,
    () =>
      new Intl.DateTimeFormat(locale, {
        timeZone,
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
        timeZoneName: 'short',
      }),
  )

const TWO_DIGITS = /^[0-9]{2}$/
const twoDigits = (n: number): string => (n < 10 ? `0${n}` : String(n))

const timeTemplates = new Map<string, Intl.DateTimeFormatPart[] | null>()

/**
 * How a locale writes a time of day in a zone on one UTC day, as Intl's parts
 * with the hour and minute to fill in: the same all day when the day has no
 * transition (its offset, and so its zone name, hold throughout). Null on a
 * day with a transition, or for a locale whose digits are not ASCII: those ask
 * Intl each time.
 */
function timeTemplate(locale: string, timeZone: string, day: number) {
  const key = `${locale} ${timeZone} ${day}`
  let template = timeTemplates.get(key)
  if (template === undefined) {
    const parts = Number.isNaN(dayOffset(day, timeZone))
      ? null
      : timeFormatter(locale, timeZone).formatToParts(day)
    template = parts?.every(
      (part) => (part.type !== 'hour' && part.type !== 'minute') || TWO_DIGITS.test(part.value),
    )
      ? parts
      : null
    if (timeTemplates.size >= MAX_OFFSETS) timeTemplates.clear()
    timeTemplates.set(key, template)
  }
  return template
}

/**
 * A time of day with the zone's short name: "14:05 GMT". Each comment carries
 * one: Intl is asked once per day and locale, and the hour and minute come
 * from the zone's offset.
 */
export function formatTimeOfDay(instant: Date, { timeZone, locale }: DateFormatOptions): string {
  const time = instant.getTime()
  const template = timeTemplate(locale, timeZone, floorTo(time, DAY))
  if (template) {
    const { hour, minute } = zonedParts(instant, timeZone)
    let text = ''
    for (const part of template) {
      text +=
        part.type === 'hour'
          ? twoDigits(hour)
          : part.type === 'minute'
            ? twoDigits(minute)
            : part.value
    }
    return text
  }
  // Same minute, same words: remembered, since comment lists repeat the work many times over.
  const key = `${locale} ${timeZone} ${time - (time % 60_000)}`
  let text = timesOfDay.get(key)
  if (text === undefined) {
    text = timeFormatter(locale, timeZone).format(instant)
    if (timesOfDay.size >= MAX_OFFSETS) timesOfDay.clear()
    timesOfDay.set(key, text)
  }
  return text
}

const timesOfDay = new Map<string, string>()

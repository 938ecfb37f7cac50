import { zonedParts, zonedTimeToInstant } from '../../text/dates.js'
import { ValidationError } from '../errors.js'

/**
 * A publication time as the editor's field gives it ("2026-11-28T14:30", in
 * the site's time zone) → an instant; ValidationError when it is not a time.
 */
export function parseScheduleTime(value: string, timeZone: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value.trim())
  if (!match) {
    throw new ValidationError('invalid_schedule_time', 'Choose a date and time for publication.', {
      field: 'scheduledFor',
    })
  }
  const [year, month, day, hour, minute] = match.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ]
  const instant = zonedTimeToInstant({ year, month, day, hour, minute }, timeZone)
  // In the hour the clocks skip when they go forward, the time typed never happens there.
  const shown = zonedParts(instant, timeZone)
  if (shown.day !== day || shown.hour !== hour || shown.minute !== minute) {
    const pad = (n: number) => String(n).padStart(2, '0')
    throw new ValidationError(
      'schedule_time_skipped',
      `${pad(hour)}:${pad(minute)} on ${year}-${pad(month)}-${pad(day)} never happens in ${timeZone}: the clocks go forward then. Choose a time after the change.`,
      { field: 'scheduledFor' },
    )
  }
  return instant
}

import { formatLongDate, formatTimeOfDay } from '../../text/dates.js'
import { useSite } from './site.js'

/** A date as readers see it ("Friday, November 27th 2015") with a machine-readable datetime. */
export function DateTime({ date, withTime = false }: { date: Date; withTime?: boolean }) {
  const { timeZone, language } = useSite()
  const options = { timeZone, locale: language }
  const text = formatLongDate(date, options)
  return (
    <time datetime={date.toISOString()}>
      {withTime ? `${text}, ${formatTimeOfDay(date, options)}` : text}
    </time>
  )
}

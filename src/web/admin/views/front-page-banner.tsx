import type { Arrangement } from '../../../domain/front-page/front-page-service.js'
import { DURATION_CHOICES, FRONT_PAGE_LIMITS } from '../../../domain/front-page/front-page.js'
import type { Problem } from '../../plugins/problems.js'
import { DateTime } from '../../ui/date-time.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field } from './form-parts.js'

/** What was typed in the banner form, when it comes back with a problem. */
export interface BannerAttempt {
  text: string
  articleId: string
  hours: string
}

const hoursLabel = (hours: number): string =>
  hours % 24 === 0
    ? `${hours / 24} day${hours === 24 ? '' : 's'}`
    : `${hours} hour${hours === 1 ? '' : 's'}`

/** The "how long" choice of a pin or a banner; `forever` adds "until taken off". */
export function DurationSelect({
  id,
  name,
  forever,
  selected,
  describedById,
}: {
  id: string
  name: string
  forever: boolean
  selected?: string
  describedById?: string | undefined
}) {
  return (
    <select id={id} name={name} aria-describedby={describedById}>
      {forever && (
        <option value="" selected={!selected}>
          Until taken off
        </option>
      )}
      {DURATION_CHOICES.map((hours) => (
        <option key={hours} value={String(hours)} selected={selected === String(hours)}>
          {hoursLabel(hours)}
        </option>
      ))}
    </select>
  )
}

/** The breaking-news banner: what is up now, and the form that raises (or replaces) it. */
export function BannerForm({
  arrangement,
  attempt,
  problem,
}: {
  arrangement: Arrangement
  attempt: BannerAttempt | undefined
  problem: Problem | undefined
}) {
  const { banner, bannerLive } = arrangement
  const stories = [
    ...[arrangement.front.lead, ...arrangement.front.top].flatMap((story) =>
      story ? [{ id: story.id, headline: story.headline }] : [],
    ),
    ...arrangement.candidates,
  ]
  const shown = problem?.field && attempt ? problem : undefined
  return (
    <section aria-labelledby="banner-title" class="narrow">
      <h2 id="banner-title">Breaking news</h2>
      {banner && bannerLive ? (
        <div class="banner-now">
          <p>
            Up on every page until <DateTime date={banner.expiresAt} withTime />: “{banner.text}”
          </p>
          <form method="post" action="/admin/front-page/banner/lower">
            <CsrfField />
            <button type="submit">Take the banner down</button>
          </form>
        </div>
      ) : (
        <p class="muted">No banner is up.</p>
      )}
      <form method="post" action="/admin/front-page/banner" class="stack-form">
        <CsrfField />
        <Field id="text" label="Breaking-news line" problem={shown}>
          <input
            id="text"
            name="text"
            required
            maxLength={FRONT_PAGE_LIMITS.bannerText}
            value={attempt?.text ?? ''}
            aria-describedby={describedBy('text', { problem: shown })}
          />
        </Field>
        <Field id="article" label="Links to (optional)" problem={shown}>
          <select
            id="article"
            name="article_id"
            aria-describedby={describedBy('article', { problem: shown })}
          >
            <option value="">No link</option>
            {stories.map((story) => (
              <option key={story.id} value={story.id} selected={attempt?.articleId === story.id}>
                {story.headline}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="banner-hours"
          label="For"
          problem={shown?.field === 'hours' ? { ...shown, field: 'banner-hours' } : undefined}
        >
          <DurationSelect
            id="banner-hours"
            name="hours"
            forever={false}
            selected={attempt?.hours ?? '3'}
          />
        </Field>
        <button type="submit" class="primary">
          {banner && bannerLive ? 'Replace the banner' : 'Raise the banner'}
        </button>
      </form>
    </section>
  )
}

import type { ArticleSummary } from '../../domain/articles/article.js'
import { useSite } from './site.js'
import { AT_A_GLANCE_PATH, articlePath } from './urls.js'

/** The "At a glance" rail: the latest stories in a line each. */
export function BriefsRail({ briefs }: { briefs: readonly ArticleSummary[] }) {
  const { timeZone } = useSite()
  return (
    <aside class="rail" aria-label="At a glance: the latest stories">
      <h2>
        <a href={AT_A_GLANCE_PATH}>At a glance</a>
      </h2>
      <ol class="briefs">
        {briefs.map((story) => (
          <li key={story.id}>
            <a href={articlePath(story, timeZone)}>{story.headline}</a>
            <p>{story.brief}</p>
          </li>
        ))}
      </ol>
    </aside>
  )
}

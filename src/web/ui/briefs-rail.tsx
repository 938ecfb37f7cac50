import type { ArticleSummary } from '../../domain/articles/article.js'
import { useSite } from './site.js'
import { AT_A_GLANCE_PATH, articlePath } from './urls.js'

/**
 * The rail of the latest stories, a line each. The home page calls it "At a
 * glance"; an article page, whose key points are already "At a glance",
 * calls it "Latest news", so no page shows two boxes with one title.
 */
export function BriefsRail({
  briefs,
  title = 'At a glance',
}: {
  briefs: readonly ArticleSummary[]
  title?: 'At a glance' | 'Latest news'
}) {
  const { timeZone } = useSite()
  return (
    <aside class="rail" aria-label={`${title}: the latest stories`}>
      <h2>
        <a href={AT_A_GLANCE_PATH}>{title}</a>
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

import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { Paged } from '../../../domain/paging.js'
import { DateTime } from '../../ui/date-time.js'
import { Pagination } from '../../ui/pagination.js'
import { useSite } from '../../ui/site.js'
import { AT_A_GLANCE_PATH, articlePath, sectionPath } from '../../ui/urls.js'

/** The "At a glance" page: every story in a line (its stored brief), newest first. */
export function AtAGlancePage({ listing }: { listing: Paged<ArticleSummary> }) {
  const { timeZone } = useSite()
  return (
    <>
      <h1 class="page-title">At a glance</h1>
      <p class="page-intro">The latest stories in a line each, newest first.</p>
      {listing.items.length === 0 ? (
        <p>Nothing has been published yet.</p>
      ) : (
        <ol class="briefs briefs-page">
          {listing.items.map((story) => (
            <li key={story.id}>
              <h2>
                <a href={articlePath(story, timeZone)}>{story.headline}</a>
              </h2>
              <p>{story.brief}</p>
              <p class="card-meta">
                <a href={sectionPath(story.section.slug)}>{story.section.name}</a>
                {' · '}
                <DateTime date={story.publishedAt} withTime />
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination path={AT_A_GLANCE_PATH} page={listing.page} pageCount={listing.pageCount} />
    </>
  )
}

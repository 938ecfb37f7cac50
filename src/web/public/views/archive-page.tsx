import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { Paged } from '../../../domain/paging.js'
import { ArticleCard } from '../../ui/article-card.js'
import { Pagination } from '../../ui/pagination.js'
import type { Crumb } from '../structured-data.js'

/**
 * A year, month or day of the date archive: links up a level, then its
 * stories, newest first. With no stories it says so (and is sent as a 404).
 */
export function ArchivePage({
  heading,
  up,
  path,
  listing,
  nothingText,
}: {
  heading: string
  /** The levels above this one, from Home down. */
  up: readonly Crumb[]
  path: string
  listing: Paged<ArticleSummary>
  /** What an empty period says: "Nothing was published on …". */
  nothingText: string
}) {
  return (
    <>
      <nav class="breadcrumbs" aria-label="Breadcrumb">
        <ol>
          {up.map((crumb) => (
            <li key={crumb.path}>
              <a href={crumb.path}>{crumb.name}</a>
            </li>
          ))}
        </ol>
      </nav>
      <h1 class="page-title">{heading}</h1>
      {listing.items.length === 0 ? (
        <p>{nothingText}</p>
      ) : (
        <ul class="stack">
          {listing.items.map((article) => (
            <ArticleCard key={article.id} article={article} headingLevel={2} showSection />
          ))}
        </ul>
      )}
      <Pagination path={path} page={listing.page} pageCount={listing.pageCount} />
    </>
  )
}

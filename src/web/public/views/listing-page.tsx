import type { ComponentChildren } from 'preact'
import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { Paged } from '../../../domain/paging.js'
import { ArticleCard } from '../../ui/article-card.js'
import { Pagination } from '../../ui/pagination.js'

/** A titled, paged list of stories: section, author and tag pages. */
export function ListingPage({
  title,
  intro,
  path,
  listing,
  showSection = true,
}: {
  title: string
  intro?: ComponentChildren
  path: string
  listing: Paged<ArticleSummary>
  showSection?: boolean
}) {
  return (
    <>
      <h1 class="page-title">{title}</h1>
      {intro}
      {listing.items.length === 0 ? (
        <p>No stories have been published here yet.</p>
      ) : (
        <ul class="stack">
          {listing.items.map((article) => (
            <ArticleCard
              key={article.id}
              article={article}
              headingLevel={2}
              showSection={showSection}
              image="beside"
            />
          ))}
        </ul>
      )}
      <Pagination path={path} page={listing.page} pageCount={listing.pageCount} />
    </>
  )
}

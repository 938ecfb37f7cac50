import { pagePath } from './urls.js'

/** Previous and next links for a paged listing; nothing when there is one page. */
export function Pagination({
  path,
  page,
  pageCount,
}: {
  path: string
  page: number
  pageCount: number
}) {
  if (pageCount <= 1) return null
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={pagePath(path, page - 1)} rel="prev">
          ← Newer stories
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={pagePath(path, page + 1)} rel="next">
          Older stories →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}

import { pagePath } from './urls.js'

/** Previous and next links for a paged listing; nothing when there is one page. */
export function Pagination({
  path,
  page,
  pageCount,
  items = 'stories',
}: {
  path: string
  page: number
  pageCount: number
  /** What is listed, newest first, as in "Older stories →". */
  items?: string
}) {
  if (pageCount <= 1) return null
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={pagePath(path, page - 1)} rel="prev">
          ← Newer {items}
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={pagePath(path, page + 1)} rel="next">
          Older {items} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}

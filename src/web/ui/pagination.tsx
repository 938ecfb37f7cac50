import { pagePath } from './urls.js'

/**
 * Previous and next links for a paged listing; nothing when there is one page.
 * The links say "Newer …" and "Older …" unless the listing is not in date
 * order (search results, a story thread), which names its own `links`.
 */
export function Pagination({
  path,
  page,
  pageCount,
  items = 'stories',
  links = { previous: `Newer ${items}`, next: `Older ${items}` },
}: {
  path: string
  page: number
  pageCount: number
  /** What is listed, newest first, as in "Older stories →". */
  items?: string
  links?: { previous: string; next: string }
}) {
  if (pageCount <= 1) return null
  return (
    <nav class="pagination" aria-label="Pages">
      {page > 1 ? (
        <a href={pagePath(path, page - 1)} rel="prev">
          ← {links.previous}
        </a>
      ) : (
        <span />
      )}
      <span>
        Page {page} of {pageCount}
      </span>
      {page < pageCount ? (
        <a href={pagePath(path, page + 1)} rel="next">
          {links.next} →
        </a>
      ) : (
        <span />
      )}
    </nav>
  )
}

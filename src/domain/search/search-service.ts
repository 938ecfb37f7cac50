import { MAX_PAGE, type Paged } from '../articles/article-service.js'
import { NotFoundError, ValidationError } from '../errors.js'
import { parseSearchQuery } from './search-query.js'
import type { SearchHit, SearchStore } from './search-store.js'

/** Results per page. */
export const SEARCH_PER_PAGE = 10

export type SearchService = ReturnType<typeof createSearchService>

/** Reader search over published articles. */
export function createSearchService({ search }: { search: SearchStore }) {
  return {
    /**
     * One page of articles matching what a reader typed, best first. A query
     * that cannot be searched for is a ValidationError whose message says
     * why; a page past the last is NotFoundError, except the first page of no
     * results.
     */
    async search(text: string, page: number): Promise<Paged<SearchHit>> {
      if (!Number.isInteger(page) || page < 1 || page > MAX_PAGE) {
        throw new NotFoundError('page_not_found', `There is no page ${page}.`)
      }
      const parsed = parseSearchQuery(text)
      if (!parsed.ok) {
        throw new ValidationError(parsed.problem.code, parsed.problem.message, { field: 'q' })
      }
      const total = await search.count(parsed.query)
      const pageCount = Math.max(1, Math.ceil(total / SEARCH_PER_PAGE))
      if (page > pageCount) throw new NotFoundError('page_not_found', `There is no page ${page}.`)
      const items =
        total === 0
          ? []
          : await search.search(parsed.query, {
              limit: SEARCH_PER_PAGE,
              offset: (page - 1) * SEARCH_PER_PAGE,
            })
      return { items, page, perPage: SEARCH_PER_PAGE, total, pageCount }
    },
  }
}

import { ValidationError } from '../errors.js'
import { paginate, type Paged } from '../paging.js'
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
      const parsed = parseSearchQuery(text)
      if (!parsed.ok) {
        throw new ValidationError(parsed.problem.code, parsed.problem.message, { field: 'q' })
      }
      const total = await search.count(parsed.query)
      return paginate({ page, perPage: SEARCH_PER_PAGE, total }, (window) =>
        search.search(parsed.query, window),
      )
    },
  }
}

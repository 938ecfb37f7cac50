import { NotFoundError, ValidationError } from '../errors.js'
import { paginate, type Paged } from '../paging.js'
import { parseSearchQuery } from './search-query.js'
import type { SearchHit, SearchStore } from './search-store.js'

/** Results per page. */
export const SEARCH_PER_PAGE = 10

/** A page of results, and whether their total is an estimate ("about N"). */
export type SearchResults = Paged<SearchHit> & { estimated: boolean }

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
    async search(text: string, page: number): Promise<SearchResults> {
      const parsed = parseSearchQuery(text)
      if (!parsed.ok) {
        throw new ValidationError(parsed.problem.code, parsed.problem.message, { field: 'q' })
      }
      const matches = await search.matches(parsed.query)
      const paged = await paginate(
        { page, perPage: SEARCH_PER_PAGE, total: matches.total },
        async (window) => {
          const hits = await matches.page(window)
          // An estimate may overshoot: a page past the real last one is no page.
          if (hits.length === 0 && matches.estimated) {
            throw new NotFoundError('page_not_found', `There is no page ${page}.`)
          }
          return hits
        },
      )
      return { ...paged, estimated: matches.estimated }
    },
  }
}

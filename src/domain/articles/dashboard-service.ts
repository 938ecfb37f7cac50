import { can, type Actor } from '../access/policy.js'
import type { UnitOfWork } from '../unit-of-work.js'
import type { ArticleStatus } from './article.js'
import { paginate, type Paged } from '../paging.js'
import type { NewsroomFilter, NewsroomSummary } from './article-store.js'

export interface DashboardQuery {
  status?: ArticleStatus
  sectionId?: string
  headline?: string
  page: number
}

export interface Dashboard {
  counts: Record<ArticleStatus, number>
  myDrafts: NewsroomSummary[]
  inReview: NewsroomSummary[]
  scheduled: NewsroomSummary[]
  recentlyPublished: NewsroomSummary[]
  /** The filtered list, when a filter or search was given. */
  results: Paged<NewsroomSummary> | undefined
}

const SHORT_LIST = 8
const PER_PAGE = 25

export type DashboardService = ReturnType<typeof createDashboardService>

export function createDashboardService({ stores }: { stores: UnitOfWork }) {
  return {
    /** The newsroom's front page. Contributors see their own articles only. */
    async load(actor: Actor, query: DashboardQuery): Promise<Dashboard> {
      const scope: NewsroomFilter = can(actor, 'articles:edit-any')
        ? {}
        : { createdBy: actor.id ?? '' }
      const first = { limit: SHORT_LIST, offset: 0 }
      const [counts, myDrafts, inReview, scheduled, recentlyPublished] = await Promise.all([
        stores.articles.countByStatus(scope),
        stores.articles.listForNewsroom({ createdBy: actor.id ?? '', status: 'draft' }, first),
        stores.articles.listForNewsroom({ ...scope, status: 'in_review' }, first),
        stores.articles.listForNewsroom({ ...scope, status: 'scheduled' }, first),
        stores.articles.listForNewsroom({ ...scope, status: 'published' }, first),
      ])
      const filtered =
        query.status !== undefined || query.sectionId !== undefined || Boolean(query.headline)
      let results: Paged<NewsroomSummary> | undefined
      if (filtered) {
        const filter: NewsroomFilter = {
          ...scope,
          status: query.status,
          sectionId: query.sectionId,
          headline: query.headline,
        }
        const total = await stores.articles.countForNewsroom(filter)
        results = await paginate({ page: query.page, perPage: PER_PAGE, total }, (window) =>
          stores.articles.listForNewsroom(filter, window),
        )
      }
      return { counts, myDrafts, inReview, scheduled, recentlyPublished, results }
    },
  }
}

import {
  ARTICLE_STATUSES,
  STATUS_LABELS,
  type ArticleStatus,
} from '../../../domain/articles/article.js'
import { HEADLINE_SEARCH_LIMIT } from '../../../domain/articles/article-store.js'
import type { Dashboard, DashboardQuery } from '../../../domain/articles/dashboard-service.js'
import type { Section } from '../../../domain/sections/section.js'
import { Pagination } from '../../ui/pagination.js'
import { ArticleTable } from './article-table.js'

export interface DashboardFilters {
  status: ArticleStatus | undefined
  section: string
  headline: string
}

function filterPath(filters: DashboardFilters): string {
  const params = new URLSearchParams()
  if (filters.status) params.set('status', filters.status)
  if (filters.section) params.set('section', filters.section)
  if (filters.headline) params.set('q', filters.headline)
  const query = params.toString()
  return query ? `/admin?${query}` : '/admin'
}

export function DashboardPage({
  dashboard,
  sections,
  filters,
  query,
  commentsWaiting,
}: {
  dashboard: Dashboard
  sections: readonly Section[]
  filters: DashboardFilters
  query: DashboardQuery
  /** Comments waiting for a moderator; undefined for those who do not moderate. */
  commentsWaiting?: number
}) {
  const { counts, results } = dashboard
  return (
    <>
      <h1>Dashboard</h1>
      <ul class="counts" aria-label="Articles by status">
        {ARTICLE_STATUSES.map((status) => (
          <li key={status}>
            <a href={filterPath({ status, section: '', headline: '' })}>
              <strong>{counts[status]}</strong> {STATUS_LABELS[status]}
            </a>
          </li>
        ))}
        {commentsWaiting !== undefined && (
          <li>
            <a href="/admin/comments?status=pending">
              <strong>{commentsWaiting}</strong> Comments waiting
            </a>
          </li>
        )}
      </ul>

      <form method="get" action="/admin" class="filters" role="search" aria-label="Find articles">
        <div class="field">
          <label for="q">Headline contains</label>
          <input
            id="q"
            name="q"
            type="search"
            value={filters.headline}
            maxLength={HEADLINE_SEARCH_LIMIT}
          />
        </div>
        <div class="field">
          <label for="status">Status</label>
          <select id="status" name="status">
            <option value="">Any</option>
            {ARTICLE_STATUSES.map((status) => (
              <option key={status} value={status} selected={filters.status === status}>
                {STATUS_LABELS[status]}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="section">Section</label>
          <select id="section" name="section">
            <option value="">Any</option>
            {sections.map((section) => (
              <option
                key={section.slug}
                value={section.slug}
                selected={filters.section === section.slug}
              >
                {section.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Find</button>
        {results && <a href="/admin">Clear</a>}
      </form>

      {results ? (
        <section aria-labelledby="results-title">
          <h2 id="results-title">
            {results.total} article{results.total === 1 ? '' : 's'} found
          </h2>
          <ArticleTable articles={results.items} caption="Articles found" />
          <Pagination path={filterPath(filters)} page={query.page} pageCount={results.pageCount} />
        </section>
      ) : (
        <div class="dashboard-lists">
          <section aria-labelledby="mine-title">
            <h2 id="mine-title">My drafts</h2>
            <ArticleTable articles={dashboard.myDrafts} caption="My drafts" />
          </section>
          <section aria-labelledby="review-title">
            <h2 id="review-title">In review</h2>
            <ArticleTable articles={dashboard.inReview} caption="In review" />
          </section>
          <section aria-labelledby="scheduled-title">
            <h2 id="scheduled-title">Scheduled</h2>
            <ArticleTable articles={dashboard.scheduled} caption="Scheduled" />
          </section>
          <section aria-labelledby="published-title">
            <h2 id="published-title">Recently published</h2>
            <ArticleTable articles={dashboard.recentlyPublished} caption="Recently published" />
          </section>
        </div>
      )}
    </>
  )
}

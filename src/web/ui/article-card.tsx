import type { ArticleSummary } from '../../domain/articles/article.js'
import { AuthorNames } from './byline.js'
import { DateTime } from './date-time.js'
import { useSite } from './site.js'
import { articlePath, sectionPath } from './urls.js'

/** A story in a listing: kicker, headline, one line, byline and date. */
export function ArticleCard({
  article,
  headingLevel = 3,
  showSection = false,
}: {
  article: ArticleSummary
  headingLevel?: 2 | 3
  showSection?: boolean
}) {
  const { timeZone } = useSite()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const summary = article.brief
  return (
    <li class="card">
      <article>
        {showSection && (
          <p class="kicker">
            <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
          </p>
        )}
        <Heading>
          <a href={articlePath(article, timeZone)}>{article.headline}</a>
        </Heading>
        {summary && <p class="summary">{summary}</p>}
        <p class="card-meta">
          {article.bylines.length > 0 && (
            <>
              <AuthorNames authors={article.bylines} />
              {' · '}
            </>
          )}
          <DateTime date={article.publishedAt} />
        </p>
      </article>
    </li>
  )
}

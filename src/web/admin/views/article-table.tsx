import { STATUS_LABELS } from '../../../domain/articles/article.js'
import type { NewsroomSummary } from '../../../domain/articles/article-store.js'
import { DateTime } from '../../ui/date-time.js'

/** A list of articles for the newsroom: headline to the editor, section, bylines, status, last change. */
export function ArticleTable({
  articles,
  caption,
}: {
  articles: readonly NewsroomSummary[]
  caption: string
}) {
  if (articles.length === 0) {
    return (
      <p class="empty">
        <span class="visually-hidden">{caption}: </span>Nothing here.
      </p>
    )
  }
  return (
    <table class="articles stacks">
      <caption class="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Headline</th>
          <th scope="col">Section</th>
          <th scope="col">Bylines</th>
          <th scope="col">Status</th>
          <th scope="col">Changed</th>
        </tr>
      </thead>
      <tbody>
        {articles.map((article) => (
          <tr key={article.id}>
            <td>
              <a href={`/admin/articles/${article.id}`}>{article.headline || '(no headline)'}</a>
            </td>
            <td data-label="Section">{article.section.name}</td>
            <td data-label="Bylines">{article.bylines.map((author) => author.name).join(', ')}</td>
            <td data-label="Status">
              <span class={`status status-${article.status}`}>{STATUS_LABELS[article.status]}</span>
              {article.status === 'scheduled' && article.scheduledFor && (
                <>
                  {' '}
                  for <DateTime date={article.scheduledFor} withTime />
                </>
              )}
            </td>
            <td data-label="Changed">
              <DateTime date={article.updatedAt} withTime />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}

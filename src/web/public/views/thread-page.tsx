import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { Paged } from '../../../domain/paging.js'
import type { StoryThread } from '../../../domain/threads/thread.js'
import { ArticleCard } from '../../ui/article-card.js'
import { Pagination } from '../../ui/pagination.js'

/** A story thread: its title, what it is about, and its stories in the thread's order. */
export function ThreadPage({
  thread,
  articles,
  path,
}: {
  thread: StoryThread
  articles: Paged<ArticleSummary>
  path: string
}) {
  const first = (articles.page - 1) * articles.perPage + 1
  return (
    <>
      <p class="kicker">Story thread</p>
      <h1 class="page-title">{thread.title}</h1>
      {thread.description && <p class="thread-description">{thread.description}</p>}
      {articles.items.length === 0 ? (
        <p>No stories have been published in this thread yet.</p>
      ) : (
        <>
          <p class="thread-count">
            {articles.total === 1 ? 'One story' : `${articles.total} stories`}, in order.
          </p>
          <ol class="stack thread-stories" start={first}>
            {articles.items.map((article) => (
              <ArticleCard key={article.id} article={article} headingLevel={2} showSection />
            ))}
          </ol>
        </>
      )}
      <Pagination
        path={path}
        page={articles.page}
        pageCount={articles.pageCount}
        links={{ previous: 'Earlier stories', next: 'Later stories' }}
      />
    </>
  )
}

import type { ThreadBox } from '../../../domain/threads/thread-service.js'
import { DateTime } from '../../ui/date-time.js'
import { useSite } from '../../ui/site.js'
import { articlePath, threadPath } from '../../ui/urls.js'

/**
 * "Part of: <thread>": the story thread an article belongs to, its published
 * stories in the thread's order, this one marked as the current page.
 */
export function StoryThreadBox({ box, currentId }: { box: ThreadBox; currentId: string }) {
  const { timeZone } = useSite()
  const { thread, items, position, total } = box
  const here = items.findIndex((item) => item.id === currentId)
  // The list may be a window of a long thread: it is numbered from its first story's place.
  const start = position - Math.max(0, here)
  return (
    <nav class="story-thread" aria-labelledby="story-thread-title">
      <h2 id="story-thread-title">
        Part of: <a href={threadPath(thread.slug)}>{thread.title}</a>
      </h2>
      <p class="story-thread-position">
        Story {position} of {total}
      </p>
      <ol start={start}>
        {items.map((item) =>
          item.id === currentId ? (
            <li key={item.id} class="current" aria-current="page">
              <span class="story-thread-here">This story:</span> {item.headline}
            </li>
          ) : (
            <li key={item.id}>
              <a href={articlePath(item, timeZone)}>{item.headline}</a>{' '}
              <span class="story-thread-date">
                <DateTime date={item.publishedAt} />
              </span>
            </li>
          ),
        )}
      </ol>
      {items.length < total && (
        <p class="story-thread-all">
          <a href={threadPath(thread.slug)}>All {total} stories in this thread</a>
        </p>
      )}
    </nav>
  )
}

import { isArticleStatus, STATUS_LABELS } from '../../../domain/articles/article.js'
import { HEADLINE_SEARCH_LIMIT } from '../../../domain/articles/article-store.js'
import type { ThreadCandidate, ThreadForEditing } from '../../../domain/threads/thread-service.js'
import { THREAD_LIMITS, type StoryThreadMember } from '../../../domain/threads/thread.js'
import { DateTime } from '../../ui/date-time.js'
import { threadPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, MoveButtons, Notice, ProblemBanner } from './form-parts.js'

/** The form that was sent, with what was typed in it, when it comes back with a problem. */
export type ThreadAttempt =
  | { form: 'details'; title: string; description: string }
  | { form: 'add'; articleId: string }
  | { form: 'member'; articleId: string }
  | { form: 'delete' }

export interface ThreadPageProps extends ThreadForEditing {
  /** Articles found to add, for the words in `query`. */
  candidates: readonly ThreadCandidate[]
  query: string
  attempt?: ThreadAttempt
  problem?: Problem
  notice?: string
}

function Status({ status }: { status: string }) {
  return (
    <span class={`status status-${status}`}>
      {isArticleStatus(status) ? STATUS_LABELS[status] : status}
    </span>
  )
}

/** One of the thread's articles: its place, its headline, and buttons to move or remove it. */
function MemberRow({
  slug,
  member,
  index,
  count,
}: {
  slug: string
  member: StoryThreadMember
  index: number
  count: number
}) {
  const base = `/admin/threads/${slug}/articles/${member.id}`
  return (
    <tr id={`article-${member.id}`}>
      <td class="position" data-label="Place">
        {index + 1}
      </td>
      <td>
        <a href={`/admin/articles/${member.id}`}>{member.headline}</a>
        <br />
        <Status status={member.status} />
        {member.publishedAt && (
          <span class="muted">
            {' '}
            <DateTime date={member.publishedAt} />
          </span>
        )}
      </td>
      <td>
        <MoveButtons
          action={`${base}/move`}
          name={`“${member.headline}”`}
          index={index}
          count={count}
        />
      </td>
      <td>
        <form method="post" action={`${base}/remove`}>
          <CsrfField />
          <button type="submit">
            Remove<span class="visually-hidden"> “{member.headline}” from the thread</span>
          </button>
        </form>
      </td>
    </tr>
  )
}

function DetailsForm({
  thread,
  attempt,
  problem,
}: Pick<ThreadPageProps, 'thread' | 'attempt' | 'problem'>) {
  const typed = attempt?.form === 'details' ? attempt : undefined
  const shown = typed ? problem : undefined
  return (
    <section class="narrow" aria-labelledby="details-title">
      <h2 id="details-title">Title and description</h2>
      <form method="post" action={`/admin/threads/${thread.slug}`} class="stack-form">
        <CsrfField />
        <Field id="title" label="Title" problem={shown}>
          <input
            id="title"
            name="title"
            type="text"
            required
            maxLength={THREAD_LIMITS.title}
            value={typed ? typed.title : thread.title}
            aria-describedby={describedBy('title', { problem: shown })}
          />
        </Field>
        <Field
          id="description"
          label="Description (optional)"
          hint="One or two sentences about the story, shown on the thread’s page."
          problem={shown}
        >
          <textarea
            id="description"
            name="description"
            rows={3}
            maxLength={THREAD_LIMITS.description}
            aria-describedby={describedBy('description', { hint: true, problem: shown })}
          >
            {typed ? typed.description : thread.description}
          </textarea>
        </Field>
        <button type="submit" class="primary">
          Save title and description
        </button>
      </form>
    </section>
  )
}

function AddArticles({ thread, candidates, query }: ThreadPageProps) {
  return (
    <section aria-labelledby="add-title" id="add">
      <h2 id="add-title">Add articles</h2>
      <form method="get" action={`/admin/threads/${thread.slug}#add`} class="row-form">
        <label for="q">Headline words</label>
        <input id="q" name="q" type="search" value={query} maxLength={HEADLINE_SEARCH_LIMIT} />
        <button type="submit">Find articles</button>
      </form>
      <p class="hint">
        {query
          ? `Articles whose headline has “${query}”, most recently changed first.`
          : 'The most recently changed articles. Drafts may be added: readers see an article in the thread once it is published.'}
      </p>
      {candidates.length === 0 ? (
        <p class="empty">No articles found.</p>
      ) : (
        <table class="thread-candidates stacks">
          <caption class="visually-hidden">Articles that can be added</caption>
          <thead>
            <tr>
              <th scope="col">Article</th>
              <th scope="col">Add</th>
            </tr>
          </thead>
          <tbody>
            {candidates.map(({ article, inThread }) => (
              <tr key={article.id}>
                <td>
                  {article.headline}
                  <br />
                  <Status status={article.status} />
                </td>
                <td>
                  {inThread ? (
                    <span class="muted">
                      In <a href={`/admin/threads/${inThread.slug}`}>{inThread.title}</a>
                    </span>
                  ) : (
                    <form method="post" action={`/admin/threads/${thread.slug}/articles`}>
                      <CsrfField />
                      <input type="hidden" name="article_id" value={article.id} />
                      <button type="submit">
                        Add<span class="visually-hidden"> “{article.headline}”</span>
                      </button>
                    </form>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  )
}

/** One thread: its details, its articles in order, and a way to find and add more. */
export function ThreadPage(props: ThreadPageProps) {
  const { thread, members, problem, notice, attempt } = props
  const published = members.filter((member) => member.status === 'published').length
  return (
    <>
      <p class="breadcrumb">
        <a href="/admin/threads">Story threads</a>
      </p>
      <h1>{thread.title}</h1>
      <p class="page-meta">
        <a href={threadPath(thread.slug)}>{threadPath(thread.slug)}</a> · {members.length} article
        {members.length === 1 ? '' : 's'}, {published} published
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />

      <section aria-labelledby="articles-title" id="articles">
        <h2 id="articles-title">Articles, in reading order</h2>
        {members.length === 0 ? (
          <p class="empty">This thread has no articles yet. Find them below.</p>
        ) : (
          <table class="thread-articles stacks">
            <caption class="visually-hidden">The thread’s articles, in order</caption>
            <thead>
              <tr>
                <th scope="col">Place</th>
                <th scope="col">Article</th>
                <th scope="col">Order</th>
                <th scope="col">Remove</th>
              </tr>
            </thead>
            <tbody>
              {members.map((member, index) => (
                <MemberRow
                  key={member.id}
                  slug={thread.slug}
                  member={member}
                  index={index}
                  count={members.length}
                />
              ))}
            </tbody>
          </table>
        )}
      </section>

      <AddArticles {...props} />

      <DetailsForm thread={thread} attempt={attempt} problem={problem} />

      {members.length === 0 && (
        <section class="narrow" aria-labelledby="delete-title">
          <h2 id="delete-title">Delete this thread</h2>
          <form method="post" action={`/admin/threads/${thread.slug}/delete`}>
            <CsrfField />
            <p>The thread has no articles, so nothing else changes when it goes.</p>
            <button type="submit" class="danger">
              Delete thread
            </button>
          </form>
        </section>
      )}
    </>
  )
}

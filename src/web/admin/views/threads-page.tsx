import { THREAD_LIMITS, type StoryThreadSummary } from '../../../domain/threads/thread.js'
import { DateTime } from '../../ui/date-time.js'
import { threadPath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { describedBy, Field, Notice, ProblemBanner } from './form-parts.js'

/** What was typed in the new-thread form, shown again when it comes back with a problem. */
export interface NewThreadAttempt {
  title: string
  slug: string
  description: string
}

export interface ThreadsPageProps {
  threads: readonly StoryThreadSummary[]
  attempt?: NewThreadAttempt
  problem?: Problem
  notice?: string
}

/** Every story thread, most recently changed first, and a form to start one. */
export function ThreadsPage({ threads, attempt, problem, notice }: ThreadsPageProps) {
  return (
    <>
      <h1>Story threads</h1>
      <p>
        A thread gathers the articles of a running story in the order you choose. Readers see it at
        its own address, and every published article in it links to the others.
      </p>
      <Notice notice={notice} />
      <ProblemBanner problem={problem} />
      {threads.length === 0 ? (
        <p class="empty">There are no threads yet.</p>
      ) : (
        <table class="threads stacks">
          <caption class="visually-hidden">Story threads, most recently changed first</caption>
          <thead>
            <tr>
              <th scope="col">Thread</th>
              <th scope="col">Address</th>
              <th scope="col">Articles</th>
              <th scope="col">Last changed</th>
            </tr>
          </thead>
          <tbody>
            {threads.map((thread) => (
              <tr key={thread.id} id={`thread-${thread.slug}`}>
                <td>
                  <a href={`/admin/threads/${thread.slug}`}>{thread.title}</a>
                </td>
                <td data-label="Address">
                  <a href={threadPath(thread.slug)}>{threadPath(thread.slug)}</a>
                </td>
                <td data-label="Articles">{thread.articleCount}</td>
                <td data-label="Last changed">
                  <DateTime date={thread.updatedAt} withTime />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <section class="narrow" aria-labelledby="new-thread-title">
        <h2 id="new-thread-title">New thread</h2>
        <form method="post" action="/admin/threads" class="stack-form">
          <CsrfField />
          <Field id="title" label="Title" problem={problem}>
            <input
              id="title"
              name="title"
              type="text"
              required
              maxLength={THREAD_LIMITS.title}
              value={attempt?.title ?? ''}
              aria-describedby={describedBy('title', { problem })}
            />
          </Field>
          <Field
            id="slug"
            label="Address (optional)"
            hint="The thread’s page will be at /threads/your-slug: lower-case letters, digits and hyphens. Leave it blank to make it from the title. It cannot be changed later."
            problem={problem}
          >
            <input
              id="slug"
              name="slug"
              type="text"
              maxLength={THREAD_LIMITS.slug}
              spellcheck={false}
              autocomplete="off"
              value={attempt?.slug ?? ''}
              aria-describedby={describedBy('slug', { hint: true, problem })}
            />
          </Field>
          <Field
            id="description"
            label="Description (optional)"
            hint="One or two sentences about the story, shown on the thread’s page."
            problem={problem}
          >
            <textarea
              id="description"
              name="description"
              rows={3}
              maxLength={THREAD_LIMITS.description}
              aria-describedby={describedBy('description', { hint: true, problem })}
            >
              {attempt?.description ?? ''}
            </textarea>
          </Field>
          <button type="submit" class="primary">
            Create thread
          </button>
        </form>
      </section>
    </>
  )
}

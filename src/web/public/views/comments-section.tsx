import type { Paged } from '../../../domain/paging.js'
import {
  COMMENT_LIMITS,
  type Comment,
  type CommentThread,
} from '../../../domain/comments/comment.js'
import { CommentText } from '../../ui/comment-text.js'
import { DateTime } from '../../ui/date-time.js'
import { TrustedHtml } from '../../ui/trusted-html.js'

/** The comment form as it stands: what was typed, and what went wrong, if anything. */
export interface CommentFormState {
  values: { name: string; email: string; body: string; parentId: string }
  token: string
  problem?: { status: number; message: string; field?: string }
  /** After posting without JavaScript. */
  notice?: 'held' | 'published'
  replyTo?: Comment
}

/** One page of an article's approved conversations, rendered once per change of its thread. */
export interface CommentThreadsHtml {
  /** The list (or its "no comments") and its pagination, from CommentThreads. */
  html: string
  /** Every approved comment, replies included, for the heading. */
  total: number
}

export interface CommentsSectionProps {
  articlePath: string
  threads: CommentThreadsHtml
  /** undefined when comments are closed, with the reason. */
  form: CommentFormState | undefined
  closedReason?: string
  /** A comment refused because comments closed meanwhile: given back to copy. */
  refusedText?: string
}

function CommentItem({
  comment,
  articlePath,
  canReply,
}: {
  comment: Comment
  articlePath: string
  canReply: boolean
}) {
  return (
    <article
      class="comment"
      id={`comment-${comment.id}`}
      aria-label={`Comment by ${comment.authorName}`}
    >
      <header>
        <strong class="comment-author">{comment.authorName}</strong>{' '}
        <a class="comment-time" href={`#comment-${comment.id}`}>
          <DateTime date={comment.createdAt} withTime />
        </a>
      </header>
      <div class="comment-body">
        <CommentText text={comment.body} />
      </div>
      {canReply && (
        <a
          class="comment-reply"
          href={`${articlePath}?reply=${comment.id}#new-comment`}
          rel="nofollow"
        >
          Reply<span class="visually-hidden"> to {comment.authorName}</span>
        </a>
      )}
    </article>
  )
}

/** The fields that show their own error; any other problem is said above them. */
const SHOWN_FIELDS = ['name', 'email', 'body']

function CommentForm({
  state,
  action,
  articlePath,
}: {
  state: CommentFormState
  action: string
  articlePath: string
}) {
  const { values, problem, replyTo } = state
  const error = (field: string) =>
    problem?.field === field ? (
      <p class="field-error" id={`comment-${field}-error`}>
        {problem.message}
      </p>
    ) : null
  const describedBy = (field: string, hint?: string) =>
    [hint, problem?.field === field ? `comment-${field}-error` : ''].filter(Boolean).join(' ') ||
    undefined
  return (
    <form method="post" action={action} class="comment-form" id="comment-form" novalidate>
      <input type="hidden" name="_csrf" value={state.token} />
      <input type="hidden" name="parent_id" value={replyTo ? replyTo.id : ''} />
      {replyTo && (
        <p class="replying">
          Replying to {replyTo.authorName}.{' '}
          <a href={`${articlePath}#new-comment`}>Write a new comment instead</a>
        </p>
      )}
      {problem && !SHOWN_FIELDS.includes(problem.field ?? '') && (
        <p class="form-problem" role="alert">
          {problem.message}
        </p>
      )}
      <div class="field">
        <label for="comment-name">Name</label>
        {error('name')}
        <input
          id="comment-name"
          name="name"
          type="text"
          value={values.name}
          maxLength={COMMENT_LIMITS.name}
          autocomplete="name"
          required
          aria-describedby={describedBy('name')}
        />
      </div>
      <div class="field">
        <label for="comment-email">Email (optional)</label>
        <p class="hint" id="comment-email-hint">
          Never shown. Used only to recognise you when you comment again.
        </p>
        {error('email')}
        <input
          id="comment-email"
          name="email"
          type="email"
          value={values.email}
          maxLength={COMMENT_LIMITS.email}
          autocomplete="email"
          aria-describedby={describedBy('email', 'comment-email-hint')}
        />
      </div>
      <div class="field">
        <label for="comment-body">Comment</label>
        <p class="hint" id="comment-body-hint">
          Plain text, up to 5,000 characters and two links. Comments are checked before they appear.
        </p>
        {error('body')}
        <textarea
          id="comment-body"
          name="body"
          rows={6}
          maxLength={COMMENT_LIMITS.body}
          required
          aria-describedby={describedBy('body', 'comment-body-hint')}
        >
          {values.body}
        </textarea>
      </div>
      {/* A field people never see; programs that fill in every field give themselves away. */}
      <div class="hp" aria-hidden="true">
        <label for="comment-website">Leave this empty</label>
        <input id="comment-website" name="website" type="text" tabindex={-1} autocomplete="off" />
      </div>
      <button type="submit">Post comment</button>
      <p class="comment-status" role="status" aria-live="polite" />
    </form>
  )
}

/**
 * One page of conversations and the links to the others: what changes only
 * when the thread does (a comment shown or hidden) or the site's settings
 * do, so it is rendered apart from the form (article-reads.ts keeps it).
 */
export function CommentThreads({
  articlePath,
  threads,
  open,
}: {
  articlePath: string
  threads: Paged<CommentThread>
  /** Whether comments are open: replies are offered only then. */
  open: boolean
}) {
  const { page, pageCount } = threads
  const pagePath = (n: number) => `${articlePath}${n > 1 ? `?comments=${n}` : ''}#comments`
  return (
    <>
      {threads.items.length === 0 ? (
        <p class="empty">{open ? 'No comments yet.' : 'No comments.'}</p>
      ) : (
        <ol class="comment-list">
          {threads.items.map((thread) => (
            <li key={thread.id}>
              <CommentItem comment={thread} articlePath={articlePath} canReply={open} />
              {thread.replies.length > 0 && (
                <ol class="replies">
                  {thread.replies.map((reply) => (
                    <li key={reply.id}>
                      <CommentItem comment={reply} articlePath={articlePath} canReply={false} />
                    </li>
                  ))}
                </ol>
              )}
            </li>
          ))}
        </ol>
      )}
      {pageCount > 1 && (
        <nav class="pagination" aria-label="Comment pages">
          {page > 1 ? <a href={pagePath(page - 1)}>← Earlier comments</a> : <span />}
          <span>
            Page {page} of {pageCount}
          </span>
          {page < pageCount ? <a href={pagePath(page + 1)}>Later comments →</a> : <span />}
        </nav>
      )}
    </>
  )
}

/** The comments under an article: approved ones oldest first, one level of replies, then the form. */
export function CommentsSection({
  articlePath,
  threads,
  form,
  closedReason,
  refusedText,
}: CommentsSectionProps) {
  return (
    <section class="comments" id="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        Comments <span class="count">({threads.total})</span>
      </h2>
      <TrustedHtml class="comment-threads" html={threads.html} />
      {/* A closed thread says so, rather than inviting a comment it would refuse. */}
      <h2 id="new-comment">{form ? 'New comment' : 'Comments are closed'}</h2>
      {form?.notice === 'held' && (
        <p class="notice" role="status">
          Thank you. Your comment is waiting for a moderator and will appear once it is approved.
        </p>
      )}
      {form?.notice === 'published' && (
        <p class="notice" role="status">
          Thank you. Your comment is published.
        </p>
      )}
      {form ? (
        <CommentForm state={form} action={`${articlePath}/comments`} articlePath={articlePath} />
      ) : (
        <>
          <p>{closedReason}</p>
          {refusedText && (
            <div class="field">
              <label for="comment-refused">
                Your comment was not posted. Here is its text to keep:
              </label>
              <textarea id="comment-refused" rows={6} readOnly>
                {refusedText}
              </textarea>
            </div>
          )}
        </>
      )}
    </section>
  )
}

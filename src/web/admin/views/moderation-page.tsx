import type { Paged } from '../../../domain/paging.js'
import { COMMENT_STATUSES, type CommentStatus } from '../../../domain/comments/comment.js'
import type { QueuedComment } from '../../../domain/comments/comment-store.js'
import { CommentText } from '../../ui/comment-text.js'
import { DateTime } from '../../ui/date-time.js'
import { Pagination } from '../../ui/pagination.js'
import { useSite } from '../../ui/site.js'
import { articlePath } from '../../ui/urls.js'
import type { Problem } from '../../plugins/problems.js'
import { CsrfField } from './admin-layout.js'
import { ProblemBanner } from './form-parts.js'

export const STATUS_NAMES: Record<CommentStatus, string> = {
  pending: 'Waiting',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Spam',
}

const ACTIONS = [
  { value: 'approve', label: 'Approve' },
  { value: 'reject', label: 'Reject' },
  { value: 'spam', label: 'Spam' },
  { value: 'ban', label: 'Ban' },
] as const

function Row({ comment, status }: { comment: QueuedComment; status: CommentStatus }) {
  const { timeZone } = useSite()
  const label = `comment by ${comment.authorName}`
  return (
    <li class="queued" id={`c-${comment.id}`}>
      <div class="queued-select">
        <input type="checkbox" name="id" value={comment.id} id={`select-${comment.id}`} />
        <label for={`select-${comment.id}`} class="visually-hidden">
          Select the {label}
        </label>
      </div>
      <div class="queued-main">
        <p class="queued-meta">
          <strong>{comment.authorName}</strong> on{' '}
          {comment.article.publishedAt ? (
            <a
              href={`${articlePath({ slug: comment.article.slug, publishedAt: comment.article.publishedAt }, timeZone)}#comments`}
            >
              {comment.article.headline}
            </a>
          ) : (
            comment.article.headline
          )}
          {comment.parentId && ' (a reply)'} · <DateTime date={comment.createdAt} withTime />
          {comment.moderatedBy && (
            <>
              {' '}
              · {STATUS_NAMES[comment.status].toLowerCase()} by {comment.moderatedBy}
            </>
          )}
        </p>
        <div class="queued-text">
          <CommentText text={comment.body} />
        </div>
        <div class="queued-actions">
          {ACTIONS.filter((action) => !(action.value === 'approve' && status === 'approved')).map(
            (action) => (
              <button
                key={action.value}
                type="submit"
                name="single"
                value={`${action.value}:${comment.id}`}
                class={action.value === 'ban' ? 'danger' : undefined}
              >
                {action.label}
                <span class="visually-hidden"> the {label}</span>
              </button>
            ),
          )}
        </div>
      </div>
    </li>
  )
}

/** The moderation queue: one status at a time, with bulk and single actions. */
export function ModerationPage({
  queue,
  status,
  problem,
  done,
}: {
  queue: Paged<QueuedComment> & { counts: Record<CommentStatus, number> }
  status: CommentStatus
  problem?: Problem
  done?: string
}) {
  return (
    <>
      <h1>Comments</h1>
      <nav aria-label="Comments by status" class="tabs">
        <ul>
          {COMMENT_STATUSES.map((name) => (
            <li key={name}>
              <a
                href={`/admin/comments?status=${name}`}
                aria-current={name === status ? 'page' : undefined}
              >
                {STATUS_NAMES[name]} <span class="tab-count">({queue.counts[name]})</span>
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {done && (
        <p class="notice-ok" role="status">
          {done}
        </p>
      )}
      <ProblemBanner problem={problem} />
      {queue.items.length === 0 ? (
        <p class="empty">No comments here.</p>
      ) : (
        <form method="post" action={`/admin/comments?status=${status}`} class="moderation">
          <CsrfField />
          <div class="bulk">
            <label for="bulk-action">With the selected comments:</label>
            <select id="bulk-action" name="action">
              {ACTIONS.map((action) => (
                <option key={action.value} value={action.value}>
                  {action.value === 'ban' ? 'Ban their email and network' : action.label}
                </option>
              ))}
            </select>
            <button type="submit" name="bulk" value="1">
              Apply
            </button>
          </div>
          <ol class="queue">
            {queue.items.map((comment) => (
              <Row key={comment.id} comment={comment} status={status} />
            ))}
          </ol>
        </form>
      )}
      <Pagination
        path={`/admin/comments?status=${status}`}
        page={queue.page}
        pageCount={queue.pageCount}
      />
    </>
  )
}

import { authorize, type Actor } from '../access/policy.js'
import type { Paged } from '../paging.js'
import { paginate } from '../paging.js'
import { recordAudit } from '../audit/record-audit.js'
import type { Clock } from '../clock.js'
import { NotFoundError, ValidationError } from '../errors.js'
import type { IdGenerator } from '../ids.js'
import type { Stores, UnitOfWork } from '../unit-of-work.js'
import type { CommentStatus } from './comment.js'
import type { QueuedComment } from './comment-store.js'
import type { WebhookOutbox } from '../webhooks/webhook-outbox.js'

/** 'hold': back to the queue (pending), e.g. an approved comment taken down while it is looked at. */
export type ModerationAction = 'approve' | 'hold' | 'reject' | 'spam' | 'ban'

const STATUS_FOR: Record<ModerationAction, CommentStatus> = {
  approve: 'approved',
  hold: 'pending',
  reject: 'rejected',
  spam: 'spam',
  ban: 'spam',
}

/** At most this many comments are moderated in one go. */
const MAX_SELECTED = 500

function selectionOf(ids: readonly string[]): string[] {
  const unique = [...new Set(ids)]
  if (unique.length === 0) {
    throw new ValidationError('nothing_selected', 'Select at least one comment.', {
      field: 'ids',
    })
  }
  if (unique.length > MAX_SELECTED) {
    throw new ValidationError(
      'too_many_selected',
      `Select at most ${MAX_SELECTED} comments at a time.`,
      { field: 'ids' },
    )
  }
  return unique
}

/** The moderation queue, and the moves moderators make on it. */
export function createCommentModeration({
  stores,
  clock,
  newId,
  announceComments,
  outbox,
}: {
  stores: UnitOfWork
  clock: Clock
  newId: IdGenerator
  outbox: WebhookOutbox
  /** The pages and feeds of these articles' comments changed (`addedOnly`: comments only appeared). */
  announceComments: (articleIds: Iterable<string>, how?: { addedOnly?: boolean }) => Promise<void>
}) {
  /** Refuses the comments' networks, emails and commenters from now on; returns how many bans that made. */
  async function banWriters(tx: Stores, ids: readonly string[], actor: Actor): Promise<number> {
    const hashes = new Map<string, 'email' | 'network' | 'commenter'>()
    for (const print of await tx.comments.fingerprintsOf(ids)) {
      hashes.set(print.networkHash, 'network')
      if (print.emailHash) hashes.set(print.emailHash, 'email')
      if (print.commenterHash) hashes.set(print.commenterHash, 'commenter')
    }
    for (const [valueHash, kind] of hashes) {
      if (await tx.bans.isBanned([valueHash])) continue
      await tx.bans.add({
        id: newId(),
        kind,
        valueHash,
        createdAt: clock.now(),
        createdBy: actor.displayName,
      })
    }
    return hashes.size
  }

  return {
    /** The moderation queue: comments of one status, newest first. */
    async queue(
      actor: Actor,
      status: CommentStatus,
      page: number,
      perPage = 50,
    ): Promise<Paged<QueuedComment> & { counts: Record<CommentStatus, number> }> {
      authorize(actor, 'comments:moderate')
      const counts = await stores.comments.countByStatus()
      const paged = await paginate({ page, perPage, total: counts[status] }, (window) =>
        stores.comments.listForModeration(status, window),
      )
      return { ...paged, counts }
    },

    async countsByStatus(actor: Actor): Promise<Record<CommentStatus, number>> {
      authorize(actor, 'comments:moderate')
      return stores.comments.countByStatus()
    },

    /**
     * Approves, rejects, marks as spam, or bans: the last marks the comments as
     * spam and refuses their network, email and commenter cookie from now on.
     */
    async moderate(
      actor: Actor,
      ids: readonly string[],
      action: ModerationAction,
    ): Promise<number> {
      authorize(actor, 'comments:moderate')
      const selected = selectionOf(ids)
      const { changed, articleIds } = await stores.transaction(async (tx) => {
        const changed = await tx.comments.setStatus(
          selected,
          STATUS_FOR[action],
          clock.now(),
          actor.displayName,
        )
        if (changed === 0) {
          throw new NotFoundError('comment_not_found', 'None of those comments exist.')
        }
        const subject = `${changed} comment(s)`
        const audited =
          action === 'ban'
            ? {
                action: 'commenter_banned' as const,
                details: `${await banWriters(tx, selected, actor)} network/email/commenter ban(s)`,
              }
            : { action: 'comments_moderated' as const, details: action }
        await recordAudit(tx.audit, { clock, newId }, { actor, subject, ...audited })
        if (action === 'approve') {
          for (const id of selected) {
            const comment = await tx.comments.findById(id)
            if (comment) await outbox.commentChanged(tx, comment)
          }
        }
        return { changed, articleIds: await tx.comments.articleIdsOf(selected) }
      })
      // Approving shows a comment, and any other move may hide one that was shown.
      await announceComments(articleIds, { addedOnly: action === 'approve' })
      return changed
    },
  }
}

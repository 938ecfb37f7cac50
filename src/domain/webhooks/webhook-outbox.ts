// What changes send to webhooks, written to the outbox inside the transaction
// that makes the change: an event is never lost to a crash after the commit,
// nor sent for a change that was rolled back.
import { articlePath } from '../../text/article-path.js'
import type { IdGenerator } from '../ids.js'
import type { Stores } from '../unit-of-work.js'
import type { Article } from '../articles/article.js'
import type { Comment } from '../comments/comment.js'
import { webhookMessage, type WebhookEvent } from './webhook.js'

export interface WebhookOutbox {
  /** After an article write: published, updated, unpublished or corrected, if readers saw it. */
  articleChanged(tx: Stores, before: Article | undefined, after: Article): Promise<void>
  articleDeleted(tx: Stores, article: Article): Promise<void>
  /** A comment held for moderation, or shown to readers. */
  commentChanged(tx: Stores, comment: Pick<Comment, 'id' | 'articleId' | 'status'>): Promise<void>
}

/** Which event, if any, an article write makes. */
export function articleEvent(before: Article | undefined, after: Article): WebhookEvent | null {
  const was = before?.status === 'published'
  const is = after.status === 'published'
  if (!was && is) return 'article.published'
  if (was && !is) return 'article.unpublished'
  if (!was || !is || before === after) return null
  return after.corrections.length > before.corrections.length
    ? 'article.corrected'
    : 'article.updated'
}

export function createWebhookOutbox({
  clock,
  newId,
  siteUrl,
  timeZone,
}: {
  clock: { now(): Date }
  newId: IdGenerator
  siteUrl: string
  timeZone: () => string
}): WebhookOutbox {
  const articleData = (article: Article) => ({
    id: article.id,
    url: article.publishedAt ? `${siteUrl}${articlePath(article, timeZone())}` : null,
    headline: article.headline,
    version: article.version,
  })
  const enqueue = (tx: Stores, type: WebhookEvent, data: Record<string, unknown>) =>
    tx.webhooks.enqueue(webhookMessage(newId(), type, data, clock.now()))

  return {
    async articleChanged(tx, before, after) {
      const type = articleEvent(before, after)
      if (type) await enqueue(tx, type, articleData(after))
    },
    async articleDeleted(tx, article) {
      // Only what readers once saw: a draft's deletion is nobody else's news.
      if (article.publishedAt) await enqueue(tx, 'article.deleted', articleData(article))
    },
    async commentChanged(tx, comment) {
      const type =
        comment.status === 'pending'
          ? 'comment.held'
          : comment.status === 'approved'
            ? 'comment.published'
            : null
      if (!type) return
      await enqueue(tx, type, {
        id: comment.id,
        articleId: comment.articleId,
        status: comment.status,
      })
    },
  }
}

/** For writes that send nothing (tests of services alone). */
export const NO_WEBHOOKS: WebhookOutbox = {
  articleChanged: async () => {},
  articleDeleted: async () => {},
  commentChanged: async () => {},
}

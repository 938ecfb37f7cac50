/** Site-wide comment settings; admins change them. */
export interface CommentSettings {
  /** open, closed, or open for `days` days after publication. */
  mode: 'open' | 'closed' | 'days'
  days: number
  /** pre: every comment waits for a moderator; post: known commenters appear at once. */
  moderation: 'pre' | 'post'
  blockedWords: string[]
}

export const DEFAULT_COMMENT_SETTINGS: CommentSettings = {
  mode: 'days',
  days: 14,
  moderation: 'pre',
  blockedWords: [],
}

/** An article's own choice, overriding the site's. */
export type ArticleCommentMode = 'default' | 'open' | 'closed'

export const ARTICLE_COMMENT_MODES: readonly ArticleCommentMode[] = ['default', 'open', 'closed']

const DAY_MS = 86_400_000

/** Whether readers may comment on an article now, and if not, the words to say why. */
export function commentsOpen(
  settings: CommentSettings,
  article: { publishedAt: Date | null; commentMode: ArticleCommentMode },
  now: Date,
): { open: true } | { open: false; reason: string } {
  if (article.commentMode === 'closed') {
    return { open: false, reason: 'Comments are closed on this article.' }
  }
  if (article.commentMode === 'open') return { open: true }
  if (settings.mode === 'closed') return { open: false, reason: 'Comments are closed.' }
  if (settings.mode === 'days' && article.publishedAt) {
    const closesAt = article.publishedAt.getTime() + settings.days * DAY_MS
    if (now.getTime() >= closesAt) {
      return { open: false, reason: `Comments close ${settings.days} days after publication.` }
    }
  }
  return { open: true }
}

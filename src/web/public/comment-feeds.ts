import type { Comment } from '../../domain/comments/comment.js'
import { escapeXml } from '../../text/xml.js'

export interface CommentFeedInput {
  articleId: string
  headline: string
  /** Absolute URL of the article page. */
  articleUrl: string
  /** Absolute URL of this feed. */
  selfUrl: string
  siteName: string
  comments: readonly Comment[]
}

/**
 * An Atom 1.0 feed (RFC 4287) of an article's approved comments. Comment text
 * goes out as type="text": a reader shows it as written, never as markup.
 */
export function commentsAtom(feed: CommentFeedInput): string {
  const updated = feed.comments[0]?.createdAt ?? new Date(0)
  const entries = feed.comments.map(
    (comment) => `  <entry>
    <id>urn:uuid:${comment.id}</id>
    <title type="text">${escapeXml(`Comment by ${comment.authorName}`)}</title>
    <author><name>${escapeXml(comment.authorName)}</name></author>
    <published>${comment.createdAt.toISOString()}</published>
    <updated>${(comment.moderatedAt ?? comment.createdAt).toISOString()}</updated>
    <link rel="alternate" type="text/html" href="${escapeXml(`${feed.articleUrl}#comment-${comment.id}`)}"/>
    <content type="text">${escapeXml(comment.body)}</content>
  </entry>`,
  )
  return `<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <id>urn:uuid:${feed.articleId}</id>
  <title type="text">${escapeXml(`Comments on “${feed.headline}” · ${feed.siteName}`)}</title>
  <updated>${updated.toISOString()}</updated>
  <link rel="self" type="application/atom+xml" href="${escapeXml(feed.selfUrl)}"/>
  <link rel="alternate" type="text/html" href="${escapeXml(feed.articleUrl)}"/>
${entries.join('\n')}
</feed>
`
}

/** The same comments as JSON, for programs. */
export function commentsJson(feed: CommentFeedInput) {
  return {
    article: { id: feed.articleId, headline: feed.headline, url: feed.articleUrl },
    comments: feed.comments.map((comment) => ({
      id: comment.id,
      author: comment.authorName,
      text: comment.body,
      published: comment.createdAt.toISOString(),
      inReplyTo: comment.parentId,
      url: `${feed.articleUrl}#comment-${comment.id}`,
    })),
  }
}

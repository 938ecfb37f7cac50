// Reader comments in tests: posting one the way the form does (a form token,
// then a wait long enough to have written something), staff who moderate, and
// changing an article's or the site's comment rules.
import { randomBytes } from 'node:crypto'
import { COMMAND_LINE, type Actor } from '../../src/domain/access/policy.js'
import { actorOf } from '../../src/domain/accounts/account-service.js'
import type { Role } from '../../src/domain/accounts/user.js'
import type { Article } from '../../src/domain/articles/article.js'
import { COMMENT_LIMITS } from '../../src/domain/comments/comment.js'
import {
  DEFAULT_COMMENT_SETTINGS,
  type ArticleCommentMode,
  type CommentSettings,
} from '../../src/domain/comments/comment-policy.js'
import type { CommentPost, PostedComment } from '../../src/domain/comments/comment-service.js'
import type { TestAppContext } from './context.js'
import { inputOf } from './factories.js'

/** Long enough after the form was shown for the minimum time to write to have passed. */
export const WRITING_TIME_MS = (COMMENT_LIMITS.minSecondsToWrite + 1) * 1000

let counter = 0

/** A distinct IPv4 /24 network for each call, so unrelated posts never share a rate limit. */
export function freshIp(): string {
  counter++
  return `10.${100 + Math.floor(counter / 250)}.${counter % 250}.7`
}

/** A comment text no other test writes. */
export function uniqueText(prefix = 'The sea wall should have been built years ago'): string {
  return `${prefix} (${randomBytes(4).toString('hex')}).`
}

/**
 * Posts a comment as a reader with a browser would: takes a fresh form token
 * for the article, waits (on the test clock) long enough to write, then posts.
 */
export async function postComment(
  ctx: TestAppContext,
  fields: Partial<CommentPost> & { articleId: string },
  { writingTimeMs = WRITING_TIME_MS }: { writingTimeMs?: number } = {},
): Promise<PostedComment> {
  const formToken = await ctx.services.comments.formToken(fields.articleId)
  ctx.clock.advance(writingTimeMs)
  return ctx.services.comments.post({
    parentId: null,
    name: 'Ingrid Solberg',
    email: '',
    body: uniqueText(),
    honeypot: '',
    formToken,
    ip: freshIp(),
    ...fields,
  })
}

let staffCount = 0

/** A member of staff with a role, made the way the CLI makes them; returns the actor. */
export async function staffActor(ctx: TestAppContext, role: Role): Promise<Actor> {
  const name = `Comment ${role} ${++staffCount}`
  const { user } = await ctx.services.accounts.createUser(COMMAND_LINE, {
    email: `${name.toLowerCase().replace(/\W+/g, '.')}.${randomBytes(3).toString('hex')}@news.example`,
    displayName: name,
    role,
    password: 'a long enough test password',
  })
  return actorOf(user)
}

/** Changes the site's comment settings, as an admin would on the settings page. */
export async function setCommentSettings(
  ctx: TestAppContext,
  changes: Partial<CommentSettings>,
): Promise<CommentSettings> {
  const current = await ctx.services.settings.commentSettings()
  return ctx.services.settings.updateCommentSettings(COMMAND_LINE, {
    ...DEFAULT_COMMENT_SETTINGS,
    ...current,
    ...changes,
  })
}

/** Sets one article's own comment rule, as an editor saving the article would. */
export async function setArticleCommentMode(
  ctx: TestAppContext,
  article: Article,
  commentMode: ArticleCommentMode,
): Promise<Article> {
  const current = await ctx.stores.articles.findById(article.id)
  if (!current) throw new Error(`article ${article.id} is gone`)
  return ctx.services.editing.save(COMMAND_LINE, current.id, inputOf(current, { commentMode }), {
    baseVersion: current.version,
  })
}

import cookie from '@fastify/cookie'
import formbody from '@fastify/formbody'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { Comment } from '../../../domain/comments/comment.js'
import { NotFoundError } from '../../../domain/errors.js'
import { problemOf, setRetryAfter, wantsJson } from '../../plugins/problems.js'
import { articleCacheTag } from '../../page-cache/page-cache.js'
import { articleParams, formOf, onlyText, parseOrNotFound } from '../../plugins/request-parsing.js'
import { articlePath } from '../../ui/urls.js'
import { commentsAtom, commentsJson, type CommentFeedInput } from '../comment-feeds.js'
import { commenterTokenOf, setCommenterCookie } from '../commenter-cookie.js'
import type { PublicDeps } from '../deps.js'
import { renderArticlePage } from '../render-article.js'
import { sendDocument } from '../send-document.js'

/** A comment and its few fields, with room to spare. */
const COMMENT_BODY_LIMIT = 64 * 1024

/** When a comment feed last changed: its newest comment, or the newest approval. */
function lastChangeOf(comments: readonly Comment[]): Date | undefined {
  let newest: Date | undefined
  for (const comment of comments) {
    const at = comment.moderatedAt ?? comment.createdAt
    if (!newest || at > newest) newest = at
  }
  return newest
}

/** The comment route answers a cross-site post itself, in the form's own shape. */
const ownOriginCheck = { config: { refusesCrossSiteItself: true } }

export async function commentRoutes(app: FastifyInstance, deps: PublicDeps) {
  const { services, site } = deps
  await app.register(formbody, { bodyLimit: COMMENT_BODY_LIMIT })
  await app.register(cookie)
  const secureCookies = site.url.startsWith('https:')

  /** The slug in the address; one that cannot be a slug names no article. */
  const slugOf = (request: FastifyRequest): string =>
    parseOrNotFound(articleParams, request.params).slug

  app.post('/:year/:month/:day/:slug/comments', ownOriginCheck, async (request, reply) => {
    const articleSlug = slugOf(request)
    const form = formOf(request)
    // Each field as sent, once: a field sent twice is no answer.
    const values = {
      name: onlyText(form, 'name'),
      email: onlyText(form, 'email'),
      body: onlyText(form, 'body'),
      parentId: onlyText(form, 'parent_id'),
    }
    try {
      const comment = await services.comments.post({
        articleSlug,
        parentId: values.parentId === '' ? null : values.parentId,
        name: values.name,
        email: values.email,
        body: values.body,
        honeypot: onlyText(form, 'website'),
        formToken: onlyText(form, '_csrf'),
        ip: request.ip,
        commenterToken: commenterTokenOf(request),
        // plugins/same-origin.ts decides; the defences refuse it with the form kept.
        fromOtherSite: request.crossSite,
      })
      setCommenterCookie(reply, comment.commenterToken, secureCookies)
      const published = comment.status === 'approved'
      if (wantsJson(request)) {
        return reply.code(201).send({ id: comment.id, status: comment.status, published })
      }
      const path = articlePath(comment.article, site.timeZone)
      return reply.redirect(
        published ? `${path}#comment-${comment.id}` : `${path}?comment=held#new-comment`,
        303,
      )
    } catch (error) {
      const problem = problemOf(error)
      // A script gets the one JSON error shape, and no such article is a 404 like any other.
      if (!problem || wantsJson(request) || error instanceof NotFoundError) throw error
      // Refused, the comment comes back in the form with the reason; nothing the reader wrote is lost.
      const article = await deps.articleReads.article(articleSlug)
      const replyTo = values.parentId
        ? await services.comments.approvedComment(article.id, values.parentId)
        : undefined
      setRetryAfter(reply, problem)
      return renderArticlePage(reply, deps, article, {
        form: { values, problem, replyTo },
        status: problem.status,
      })
    }
  })

  // A fresh form token for the comment script. A cached page carries the token of the moment
  // it was rendered; the script swaps in one from when the reader starts writing, so the
  // "faster than anyone can write" check measures the reader, not the cache.
  app.get('/:year/:month/:day/:slug/comments/token', async (request, reply) => {
    const article = await services.articles.getPublishedBySlug(slugOf(request))
    return reply
      .header('cache-control', 'private, no-store')
      .send({ token: await services.comments.formToken(article.id) })
  })

  /** Feeds of an article's approved comments: dated, tagged for the page cache, 304 when unchanged. */
  async function sendCommentFeed(
    request: FastifyRequest,
    reply: FastifyReply,
    format: 'atom' | 'json',
  ): Promise<FastifyReply> {
    const { article, comments } = await services.comments.feed({ articleSlug: slugOf(request) })
    const path = articlePath(article, site.timeZone)
    const feed: CommentFeedInput = {
      articleId: article.id,
      headline: article.headline,
      articleUrl: site.url + path,
      selfUrl: `${site.url}${path}/comments.${format}`,
      siteName: site.name,
      comments,
    }
    return sendDocument(request, reply, {
      body: format === 'atom' ? commentsAtom(feed) : JSON.stringify(commentsJson(feed)),
      contentType:
        format === 'atom'
          ? 'application/atom+xml; charset=utf-8'
          : 'application/json; charset=utf-8',
      lastModified: lastChangeOf(comments),
      cacheKey: `${path}/comments.${format}`,
      cacheTags: [articleCacheTag(article.id)],
    })
  }

  app.get('/:year/:month/:day/:slug/comments.atom', (request, reply) =>
    sendCommentFeed(request, reply, 'atom'),
  )
  app.get('/:year/:month/:day/:slug/comments.json', (request, reply) =>
    sendCommentFeed(request, reply, 'json'),
  )
}

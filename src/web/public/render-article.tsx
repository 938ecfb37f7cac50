import { randomUUID } from 'node:crypto'
import { renderedBody } from '../ui/body-html.js'
import type { FastifyReply } from 'fastify'
import type { Article, ArticleSummary, PublishedArticle } from '../../domain/articles/article.js'
import { pageKey } from '../page-cache/cache-key.js'
import { withFrameSources } from '../plugins/security-headers.js'
import { articleCacheTag } from '../page-cache/page-cache.js'
import type { SiteInfo } from '../ui/site.js'
import { articlePath } from '../ui/urls.js'
import type { PublicDeps } from './deps.js'
import { frameOriginsOf, type StoryPage } from './story-parts.js'
import { keptPageKeys } from './kept-page-keys.js'
import { ArticlePage } from './views/article-page.js'
import type { CommentFormState } from './views/comments-section.js'

/** The article's one true path, dated in the site's zone. */
export function canonicalPathOf(
  article: Pick<PublishedArticle, 'slug' | 'publishedAt'>,
  timeZone: string,
): string {
  return articlePath(article, timeZone)
}

/** "More from" the section and the briefs rail, leaving out what the page already lists. */
export function moreStories(
  article: Pick<PublishedArticle, 'id'>,
  lists: {
    related: readonly ArticleSummary[]
    latest: readonly ArticleSummary[]
    storyThread: { items: readonly { id: string }[] } | undefined
    relatedCoverage: { ids: readonly string[] }
  },
): { more: ArticleSummary[]; briefs: ArticleSummary[] } {
  // A story listed in the thread box or under Related is not listed again under "More from".
  const shown = new Set([
    article.id,
    ...(lists.storyThread?.items ?? []).map((item) => item.id),
    ...lists.relatedCoverage.ids,
  ])
  return {
    more: lists.related.filter((item) => !shown.has(item.id)).slice(0, 4),
    briefs: lists.latest.filter((item) => item.id !== article.id).slice(0, 5),
  }
}

/** The page's key in the page cache; none for a page showing what one reader typed. */
function cacheKeyOf(
  path: string,
  commentPage: number,
  form: Partial<CommentFormState> | undefined,
): string | undefined {
  if (form?.values?.body) return undefined
  return pageKey(path, {
    comments: commentPage > 1 ? commentPage : undefined,
    reply: form?.replyTo?.id,
    comment: form?.notice,
  })
}

/**
 * Lets the page's embeds load their players, once a reader asks: frames from
 * their hosts only (`origins`), and the script that makes them. Pages without
 * one keep the site's policy and load no script for it.
 */
export function allowFrames(reply: FastifyReply, origins: readonly string[]): boolean {
  if (origins.length === 0) return false
  const policy = reply.getHeader('content-security-policy')
  if (typeof policy === 'string') {
    reply.header('content-security-policy', withFrameSources(policy, origins))
  }
  return true
}

/** The body as readers get it (embeds as placeholders), and the script its embeds need, if any. */
export function storyBody(
  reply: FastifyReply,
  site: SiteInfo,
  article: Pick<Article, 'body' | 'dateline' | 'inlineImages'>,
): { html: string; scripts: string[] } {
  const body = renderedBody(
    site,
    { body: article.body, dateline: article.dateline, images: article.inlineImages },
    { embeds: 'placeholder' },
    article,
  )
  const frames = allowFrames(reply, frameOriginsOf(body.embeds))
  return { html: body.html, scripts: frames ? [site.embedsScript] : [] }
}

/** Stands for the comment form's token in an article page's kept HTML: random, so no text forges it. */
const TOKEN_HOLE = `form-token-${randomUUID()}`

/** A number for each object a kept page is made from, for the key it is kept under. */
const identities = new WeakMap<object, number>()
let identitiesGiven = 0
function identityOf(value: object): number {
  let id = identities.get(value)
  if (id === undefined) identities.set(value, (id = ++identitiesGiven))
  return id
}

/** Article pages whose HTML is kept, at most: the most read. */
const MAX_KEPT_PAGES = 500

/**
 * The object an article page's HTML is kept under (render.tsx's keptFor):
 * one per page of rendered comments (itself one per article, thread stamp,
 * page and openness) and the objects the page is made from, each a kept read,
 * replaced, never changed, when what it shows changes.
 */
const keptKey = keptPageKeys(MAX_KEPT_PAGES)
const keptKeyOf = (comments: object, parts: readonly object[], extra: string): object =>
  keptKey(`${[comments, ...parts].map(identityOf).join('.')} ${extra}`)

const NO_THREAD = {}

/** The article page, with its comments and a comment form in the given state. */
export async function renderArticlePage(
  reply: FastifyReply,
  { services, site, articleReads: reads }: PublicDeps,
  article: StoryPage,
  {
    commentPage = 1,
    form,
    status = 200,
  }: { commentPage?: number; form?: Partial<CommentFormState>; status?: number } = {},
): Promise<FastifyReply> {
  const path = canonicalPathOf(article, site.timeZone)
  const { parts } = article
  const [surroundings, availability] = await Promise.all([
    reads.surroundings(article),
    reads.availability(article),
  ])
  const { related, latest, storyThread, relatedCoverage } = surroundings
  const threads = await reads.commentThreads(article, {
    page: commentPage,
    open: availability.open,
    articlePath: path,
  })
  const token = availability.open ? await services.comments.formToken(article.id) : undefined
  // A page showing no reader's own notice, reply or words is the same for everyone but its
  // token: its HTML is kept, with a hole for the token.
  const shared = status === 200 && !form?.notice && !form?.replyTo && !form?.values?.body
  const commentForm: CommentFormState | undefined =
    token === undefined
      ? undefined
      : {
          values: { name: '', email: '', body: '', parentId: '' },
          token: shared ? TOKEN_HOLE : token,
          ...form,
        }
  const scripts = [
    ...(allowFrames(reply, parts.frameOrigins) ? [site.embedsScript] : []),
    ...(availability.open ? [site.commentsScript] : []),
  ]
  const view = () => (
    <ArticlePage
      articleId={article.id}
      story={parts}
      sectionName={article.section.name}
      {...moreStories(article, { related, latest, storyThread, relatedCoverage })}
      storyThread={storyThread}
      relatedCoverageHtml={relatedCoverage.html}
      comments={{
        articlePath: path,
        threads,
        form: commentForm,
        closedReason: availability.open ? undefined : availability.reason,
        // Refused because comments closed: nothing the reader wrote is lost.
        refusedText: availability.open ? undefined : form?.values?.body || undefined,
      }}
    />
  )
  const keptFrom = [article, related, latest, relatedCoverage, storyThread ?? NO_THREAD]
  return reply.page(
    shared
      ? {
          keptFor: keptKeyOf(threads, keptFrom, `${commentPage} ${JSON.stringify(availability)}`),
          view,
          ...(token === undefined ? {} : { hole: { marker: TOKEN_HOLE, value: token } }),
        }
      : view(),
    {
      title: parts.title,
      description: parts.description,
      canonicalPath: path,
      structuredData: parts.structuredData,
      sharing: parts.sharing,
      currentSection: article.section.slug,
      status,
      scripts,
      cacheKey: cacheKeyOf(path, commentPage, form),
      cacheTags: [articleCacheTag(article.id)],
    },
  )
}

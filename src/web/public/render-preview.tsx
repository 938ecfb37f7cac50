import type { FastifyReply } from 'fastify'
import type { Article } from '../../domain/articles/article.js'
import type { PublicDeps } from './deps.js'
import { moreStories, storyBody } from './render-article.js'
import { storyHtml } from './story-parts.js'
import { ArticlePage } from './views/article-page.js'

export const PREVIEW_NOTICE = 'Preview — not published. This draft may change before it appears.'

/**
 * A draft as readers will see it, for whoever holds its preview link: the
 * article page's own view and renderer, with no comments, marked as a
 * preview, kept out of search engines and out of every cache. The page is
 * sent without a cache key, so the page cache never stores it.
 */
export async function renderPreviewPage(
  reply: FastifyReply,
  { services, site }: PublicDeps,
  article: Article,
  shownAt: Date,
): Promise<FastifyReply> {
  const [related, latest] = await Promise.all([
    services.articles.latest({ sectionId: article.sectionId }, 5),
    services.articles.latest({}, 6),
  ])
  const body = storyBody(reply, site, article)
  // The date readers would see: when it went out before, when it is due, or now.
  const publishedAt = article.publishedAt ?? article.scheduledFor ?? shownAt
  return reply.page(
    <ArticlePage
      articleId={article.id}
      story={storyHtml(site, { ...article, publishedAt }, body.html)}
      sectionName={article.section.name}
      notice={PREVIEW_NOTICE}
      {...moreStories(article, {
        related,
        latest,
        storyThread: undefined,
        relatedCoverage: { ids: [] },
      })}
    />,
    {
      title: `Preview: ${article.headline}`,
      description: article.brief,
      noindex: true,
      currentSection: article.section.slug,
      scripts: body.scripts,
    },
  )
}

import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { renderMarkdown } from '../../../text/markdown.js'
import { briefLine } from '../../../text/brief.js'
import { articlePath } from '../../ui/urls.js'
import type { PublicDeps } from '../deps.js'
import { parseOrNotFound, slug } from '../params.js'
import { ArticlePage } from '../views/article-page.js'

const params = z.object({
  year: z.string().regex(/^\d{4}$/),
  month: z.string().regex(/^\d{2}$/),
  day: z.string().regex(/^\d{2}$/),
  slug,
})

export async function articleRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  app.get('/:year/:month/:day/:slug', async (request, reply) => {
    const path = parseOrNotFound(params, request.params)
    const article = await services.articles.getPublishedBySlug(path.slug)
    const publishedAt = article.publishedAt ?? article.updatedAt
    const canonicalPath = articlePath({ slug: article.slug, publishedAt }, site.timeZone)
    // The slug identifies the story; a wrong date in the link is corrected, not refused.
    if (request.url.split('?')[0] !== canonicalPath) return reply.redirect(canonicalPath, 301)

    const [related, latest] = await Promise.all([
      services.articles.listPublished({ sectionId: article.sectionId }, 1, 5),
      services.articles.listPublished({}, 1, 6),
    ])
    const more = related.items.filter((item) => item.id !== article.id).slice(0, 4)
    const briefs = latest.items.filter((item) => item.id !== article.id).slice(0, 5)
    const bodyHtml = renderMarkdown(article.body, { dateline: article.dateline })
    return reply.page(
      <ArticlePage
        article={{ ...article, publishedAt }}
        bodyHtml={bodyHtml}
        more={more}
        briefs={briefs}
      />,
      {
        title: article.headline,
        description: briefLine({ ...article, excerpt: article.body.slice(0, 600) }),
        canonicalPath,
        currentSection: article.section.slug,
      },
    )
  })
}

import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import { PAGE_LIMITS } from '../../../domain/pages/page.js'
import { briefLine } from '../../../text/brief.js'
import { pageKey } from '../../page-cache/cache-key.js'
import { parseOrNotFound, slug } from '../../plugins/request-parsing.js'
import type { PublicDeps } from '../deps.js'
import { storyBody } from '../render-article.js'
import { SitePage } from '../views/site-page.js'

const pageParams = z.object({ slug: slug(PAGE_LIMITS.slug) })
const accentParams = z.object({ file: z.string().regex(/^accent-[0-9a-f]{6}\.css$/) })

/** The site's pages (/pages/about), and the accent colour's stylesheet. */
export async function pageRoutes(app: FastifyInstance, { services, site }: PublicDeps) {
  app.get('/pages/:slug', async (request, reply) => {
    const missing = { code: 'page_not_found', message: 'There is no such page.' }
    const params = parseOrNotFound(pageParams, request.params, missing)
    const page = await services.pages.published(params.slug)
    const path = `/pages/${page.slug}`
    const body = storyBody(reply, site, {
      body: page.body,
      dateline: '',
      inlineImages: page.images,
    })
    return reply.page(<SitePage page={page} html={body.html} />, {
      scripts: body.scripts,
      title: page.title,
      description:
        page.description || briefLine({ standfirst: '', keyPoints: [], body: page.body }),
      canonicalPath: path,
      cacheKey: pageKey(path),
    })
  })

  // The address names the colour, so the file never changes: an admin's new
  // colour is a new address on every page, and browsers keep this one for good.
  app.get('/theme/:file', async (request, reply) => {
    const hex = parseOrNotFound(accentParams, request.params).file.slice(7, 13)
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .type('text/css; charset=utf-8')
      .send(`:root{--accent:#${hex};--accent-ink:#${hex}}\n`)
  })
}

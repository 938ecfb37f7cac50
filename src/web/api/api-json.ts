// The domain's content as the Content API shows it: absolute addresses, times
// with the site's offset, bodies as HTML and Markdown, images with every rendition.
import { renderedBody } from '../ui/body-html.js'
import type { z } from 'zod'
import type { PublishedArticle } from '../../domain/articles/article.js'
import type { ImageRef } from '../../domain/media/media.js'
import { plannedRenditions, RENDITION_MIME_TYPES } from '../../domain/media/rendition.js'
import type { Author as DomainAuthor } from '../../domain/people/author.js'
import type { Page } from '../../domain/pages/page.js'
import type { StoryThread } from '../../domain/threads/thread.js'
import { zonedParts } from '../../text/dates.js'
import type { SiteInfo } from '../ui/site.js'
import { articlePath, authorPath, sectionPath, tagPath, threadPath } from '../ui/urls.js'
import type { Article, ArticleField, Author, Image, SitePage, Thread } from './content-schemas.js'

export type { ArticleField }

export type ApiSite = Pick<SiteInfo, 'url' | 'timeZone' | 'media'>

const pad = (n: number, width = 2): string => String(Math.abs(n)).padStart(width, '0')

/** An instant as ISO 8601 with the site's offset: 2026-11-20T09:00:00+00:00. */
export function isoInZone(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone)
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second)
  const offset = Math.round((wall - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
  const sign = offset < 0 ? '-' : '+'
  return (
    `${pad(p.year, 4)}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`
  )
}

export function imageJson(site: ApiSite, image: ImageRef): z.infer<typeof Image> {
  return {
    id: image.id,
    alt: image.decorative ? '' : image.alt,
    decorative: image.decorative,
    caption: image.caption,
    credit: image.credit,
    width: image.width,
    height: image.height,
    renditions: plannedRenditions(image).map((spec) => ({
      url: `${site.media.absolute}/${spec.name}`,
      type: RENDITION_MIME_TYPES[spec.format],
      width: spec.width,
      height: spec.height,
    })),
  }
}

export const articleUrl = (site: ApiSite, article: PublishedArticle): string =>
  site.url + articlePath(article, site.timeZone)

export function articleJson(site: ApiSite, article: PublishedArticle): z.infer<typeof Article> {
  const at = (instant: Date) => isoInZone(instant, site.timeZone)
  const images = [...(article.leadImage ? [article.leadImage] : []), ...article.inlineImages]
  return {
    id: article.id,
    url: articleUrl(site, article),
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    keyPoints: article.keyPoints,
    section: { ...article.section, url: site.url + sectionPath(article.section.slug) },
    bylines: article.bylines.map(({ slug, name }) => ({
      slug,
      name,
      url: site.url + authorPath(slug),
    })),
    tags: article.tags.map(({ slug, name }) => ({ slug, name, url: site.url + tagPath(slug) })),
    publishedAt: at(article.publishedAt),
    updatedAt: at(article.updatedAt),
    version: article.version,
    body: {
      html: renderedBody(
        site,
        { body: article.body, dateline: article.dateline, images },
        { absolute: true },
      ).html,
      markdown: article.body,
    },
    leadImage: article.leadImage && imageJson(site, article.leadImage),
    images: article.inlineImages.map((image) => imageJson(site, image)),
    corrections: article.corrections.map(({ note, createdAt }) => ({
      note,
      createdAt: at(createdAt),
    })),
  }
}

export function authorJson(site: ApiSite, author: DomainAuthor): z.infer<typeof Author> {
  return {
    slug: author.slug,
    name: author.name,
    bio: author.bio,
    url: site.url + authorPath(author.slug),
    photo: author.photo ? imageJson(site, author.photo) : null,
  }
}

export function threadJson(site: ApiSite, thread: StoryThread): z.infer<typeof Thread> {
  return {
    slug: thread.slug,
    title: thread.title,
    description: thread.description,
    url: site.url + threadPath(thread.slug),
    updatedAt: isoInZone(thread.updatedAt, site.timeZone),
  }
}

/** A published page of the site (About, Contact): its text as HTML and as Markdown. */
export function sitePageJson(
  site: ApiSite,
  page: Page & { images?: readonly ImageRef[] },
): z.infer<typeof SitePage> {
  const { html } = renderedBody(
    site,
    { body: page.body, dateline: '', images: page.images ?? [] },
    { absolute: true },
  )
  return {
    slug: page.slug,
    title: page.title,
    description: page.description,
    url: `${site.url}/pages/${page.slug}`,
    updatedAt: isoInZone(page.updatedAt, site.timeZone),
    body: { html, markdown: page.body },
  }
}

/** An article's JSON with only the fields asked for (`?fields=`). */
export function pickFields(
  json: z.infer<typeof Article>,
  fields: readonly ArticleField[],
): Partial<z.infer<typeof Article>> {
  return Object.fromEntries(fields.map((name) => [name, json[name]]))
}

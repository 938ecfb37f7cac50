// An article as IPTC ninjs 3.1 (News in JSON): headlines, bodies, bylines as
// people, the dateline as a place, subjects from its section and tags,
// pictures as associations with their renditions, version and dates.
import { renderedBody } from '../ui/body-html.js'
import type { PublishedArticle } from '../../domain/articles/article.js'
import type { ImageRef } from '../../domain/media/media.js'
import { authorPath, sectionPath, tagPath } from '../ui/urls.js'
import { articleUrl, imageJson, isoInZone, type ApiSite } from './api-json.js'

/** ninjs has no media type of its own; the profile names the version. */
export const NINJS_CONTENT_TYPE =
  'application/json; charset=utf-8; profile="http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json"'

type Ninjs = Record<string, unknown>

function pictureItem(site: ApiSite, image: ImageRef, name: string): Ninjs {
  const json = imageJson(site, image)
  return {
    name,
    rel: name,
    uri: `urn:uuid:${image.id}`,
    type: 'picture',
    ...(json.caption === '' ? {} : { headlines: [{ role: 'main', value: json.caption }] }),
    ...(json.alt === ''
      ? {}
      : { descriptions: [{ role: 'alt', contentType: 'text/plain', value: json.alt }] }),
    ...(json.credit === '' ? {} : { copyrightHolder: json.credit }),
    renditions: json.renditions.map((rendition) => ({
      name: `${rendition.width}-${rendition.type.slice('image/'.length)}`,
      href: rendition.url,
      contentType: rendition.type,
      width: rendition.width,
      height: rendition.height,
    })),
  }
}

export function ninjsItem(site: ApiSite, article: PublishedArticle): Ninjs {
  const at = (instant: Date) => isoInZone(instant, site.timeZone)
  const images = [...(article.leadImage ? [article.leadImage] : []), ...article.inlineImages]
  const { html } = renderedBody(
    site,
    { body: article.body, dateline: article.dateline, images },
    { absolute: true },
  )
  return {
    uri: articleUrl(site, article),
    type: 'text',
    representationType: 'full',
    profile: 'dateline-article',
    version: String(article.version),
    firstCreated: at(article.publishedAt),
    versionCreated: at(article.updatedAt),
    pubStatus: 'usable',
    headlines: [{ role: 'main', value: article.headline }],
    ...(article.standfirst === ''
      ? {}
      : {
          descriptions: [{ role: 'summary', contentType: 'text/plain', value: article.standfirst }],
        }),
    bodies: [
      { role: 'main', contentType: 'text/html', value: html },
      { role: 'main', contentType: 'text/markdown', value: article.body },
    ],
    by: article.bylines.map((author) => author.name).join(', '),
    people: article.bylines.map((author) => ({
      name: author.name,
      rel: 'author',
      uri: site.url + authorPath(author.slug),
      literal: author.slug,
    })),
    ...(article.dateline === ''
      ? {}
      : {
          located: article.dateline,
          places: [{ name: article.dateline, rel: 'dateline', literal: article.dateline }],
        }),
    subjects: [
      {
        name: article.section.name,
        rel: 'section',
        uri: site.url + sectionPath(article.section.slug),
        literal: article.section.slug,
      },
      ...article.tags.map((tag) => ({
        name: tag.name,
        rel: 'tag',
        uri: site.url + tagPath(tag.slug),
        literal: tag.slug,
      })),
    ],
    slugline: article.slug,
    altIds: [{ role: 'id', value: article.id }],
    ...(images.length === 0
      ? {}
      : {
          associations: images.map((image, index) =>
            pictureItem(
              site,
              image,
              index === 0 && article.leadImage ? 'leadImage' : `image${index + 1}`,
            ),
          ),
        }),
  }
}

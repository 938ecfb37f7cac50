import type { Article } from '../../../domain/articles/article.js'
import { isoInZone, type ApiSite } from '../api-json.js'

/** An article as the Admin API shows it: any status, its version, the domain's field names. */
export function adminArticleJson(site: ApiSite, article: Article) {
  const at = (instant: Date | null) => instant && isoInZone(instant, site.timeZone)
  return {
    id: article.id,
    status: article.status,
    version: article.version,
    slug: article.slug,
    headline: article.headline,
    standfirst: article.standfirst,
    dateline: article.dateline,
    body: article.body,
    keyPoints: article.keyPoints,
    bylines: article.bylines.map((byline) => byline.name),
    section: article.section.slug,
    tags: article.tags.map((tag) => tag.name),
    featuredImage: article.leadImage?.id ?? null,
    publishedAt: at(article.publishedAt),
    scheduledFor: at(article.scheduledFor),
    updatedAt: at(article.updatedAt),
  }
}

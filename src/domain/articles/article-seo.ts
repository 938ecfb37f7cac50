// What search engines and sharing cards say about an article, when the
// newsroom wants it to differ from the page: each field optional, each empty
// one standing for a default taken from the story itself.
import { asWrittenLine } from '../../text/control-characters.js'
import { ValidationError } from '../errors.js'
import type { ImageRef } from '../media/media.js'

/** The article's own words for search results and shares; '' means "use the default". */
export interface ArticleSeo {
  metaTitle: string
  metaDescription: string
  socialTitle: string
  socialDescription: string
}

export type SeoField = keyof ArticleSeo

export const SEO_FIELDS: readonly SeoField[] = [
  'metaTitle',
  'metaDescription',
  'socialTitle',
  'socialDescription',
]

export const EMPTY_SEO: ArticleSeo = Object.freeze({
  metaTitle: '',
  metaDescription: '',
  socialTitle: '',
  socialDescription: '',
})

/**
 * `advised`: what search results and cards show before cutting the text off
 * (the editor warns beyond it). `max`: beyond this the text is not a title or
 * a description at all, and the save is refused.
 */
export const SEO_LIMITS: Record<SeoField, { advised: number; max: number }> = {
  metaTitle: { advised: 60, max: 300 },
  metaDescription: { advised: 160, max: 1000 },
  socialTitle: { advised: 70, max: 300 },
  socialDescription: { advised: 200, max: 1000 },
}

export const SEO_LABELS: Record<SeoField, string> = {
  metaTitle: 'Meta title',
  metaDescription: 'Meta description',
  socialTitle: 'Social title',
  socialDescription: 'Social description',
}

/** The fields as typed, cleaned to one line each; ValidationError for absurd lengths. */
export function cleanSeo(input: Partial<ArticleSeo>): ArticleSeo {
  const seo = { ...EMPTY_SEO }
  for (const field of SEO_FIELDS) {
    const value = asWrittenLine(input[field] ?? '')
      .replace(/\s+/g, ' ')
      .trim()
    const { max } = SEO_LIMITS[field]
    if (value.length > max) {
      throw new ValidationError(
        'seo_too_long',
        `The ${SEO_LABELS[field].toLowerCase()} is ${value.length} characters long; the limit is ${max} (search engines and sharing cards show about ${SEO_LIMITS[field].advised}).`,
        { field },
      )
    }
    seo[field] = value
  }
  return seo
}

/** The story's own fields the SEO defaults come from. */
export interface SeoSource {
  headline: string
  standfirst: string
  brief: string
  leadImage: ImageRef | null
  inlineImages: readonly ImageRef[]
}

/** The words that apply when the fields are left empty: the headline, the standfirst (or brief). */
export function seoTextDefaults(
  article: Pick<SeoSource, 'headline' | 'standfirst' | 'brief'>,
): ArticleSeo {
  // The brief is the standfirst when there is one, else the first key point or sentence.
  const description = article.brief || article.standfirst.trim()
  const headline = article.headline.trim()
  return {
    metaTitle: headline,
    metaDescription: description,
    socialTitle: headline,
    socialDescription: description,
  }
}

/** What applies when a field is left empty: the text defaults, and the story's lead picture. */
export function seoDefaults(article: SeoSource): ArticleSeo & { socialImage: ImageRef | null } {
  return {
    ...seoTextDefaults(article),
    socialImage: article.leadImage ?? article.inlineImages[0] ?? null,
  }
}

/** What the page says: the article's own words where it has them, the defaults elsewhere. */
export function effectiveSeo(
  article: SeoSource & { seo: ArticleSeo; socialImage: ImageRef | null },
): ArticleSeo & { socialImage: ImageRef | null } {
  const defaults = seoDefaults(article)
  const { seo } = article
  return {
    metaTitle: seo.metaTitle || defaults.metaTitle,
    metaDescription: seo.metaDescription || defaults.metaDescription,
    // A share without its own words says what the search result says.
    socialTitle: seo.socialTitle || seo.metaTitle || defaults.socialTitle,
    socialDescription: seo.socialDescription || seo.metaDescription || defaults.socialDescription,
    socialImage: article.socialImage ?? defaults.socialImage,
  }
}

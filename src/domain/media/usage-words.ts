import { ValidationError } from '../errors.js'
import { assertUsableImage, type MediaItem } from './media.js'
import type { MediaUsage, MediaUsageKind } from './media-store.js'

const KIND_WORDS: Record<MediaUsageKind, (label: string) => string> = {
  article_lead: (label) => `the lead image of “${label}”`,
  article_inline: (label) => `in the text of “${label}”`,
  article_social: (label) => `the social image of “${label}”`,
  author_photo: (label) => `the photo of ${label}`,
  site_logo: () => "the site's logo",
}

/** Usages listed at most, before "and N more". */
const SHOWN = 5

/** Where an image is used, in words: "the lead image of “A”, in the text of “B” and 3 more places". */
export function describeUsage(usage: MediaUsage): string {
  return KIND_WORDS[usage.kind](usage.label || 'a deleted item')
}

export function describeUsages(usages: readonly MediaUsage[]): string {
  const words = usages.slice(0, SHOWN).map(describeUsage)
  const more = usages.length - words.length
  if (more > 0) return `${words.join(', ')} and ${more} more ${more === 1 ? 'place' : 'places'}`
  if (words.length < 2) return words.join('')
  return `${words.slice(0, -1).join(', ')} and ${words.at(-1)}`
}

/**
 * An image on a page readers can see (a published or scheduled article, an
 * author's photo) keeps its alt text, or stays marked decorative.
 */
export function assertStillUsable(item: MediaItem, usages: readonly MediaUsage[]): void {
  const shown = usages.filter((usage) => usage.public)
  if (shown.length === 0) return
  try {
    assertUsableImage(item)
  } catch {
    throw new ValidationError(
      'image_needs_alt',
      `This image is on pages readers see (${describeUsages(shown)}): it needs alt text, or to be marked decorative.`,
      { field: 'alt' },
    )
  }
}

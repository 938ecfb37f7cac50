import type { ArticleSummary } from '../articles/article.js'
import { ValidationError } from '../errors.js'

/** How many stories each part of the home page shows. */
export const FRONT_PAGE_SHAPE = {
  /** Beside the lead: the arranged top stories, then the newest. */
  top: 4,
  /** The "At a glance" rail: the newest stories not above. */
  briefs: 6,
  /** Each section's block. */
  perSection: 4,
} as const

/** The arranged places: the lead and the top stories. More would never show. */
export const MAX_PLACED = 1 + FRONT_PAGE_SHAPE.top

export const FRONT_PAGE_LIMITS = {
  /** A breaking-news line is a line: longer is a story. */
  bannerText: 160,
  /** The longest a pin or a banner may last, in hours: a week. */
  hours: 168,
} as const

/** A story an editor put on the front page; `position` 0 is the lead. */
export interface Placement {
  articleId: string
  position: number
  /** When a pinned story leaves the front page by itself; null: until taken off. */
  pinnedUntil: Date | null
  placedAt: Date
}

/** A placement with what the newsroom shows of its story. */
export interface PlacedArticle extends Placement {
  headline: string
  /** Unpublished stories stay arranged but do not show until published again. */
  published: boolean
}

/** The breaking-news line across the top of every page, until it expires. */
export interface BreakingNews {
  text: string
  /** The story it points to, if any; a story unpublished since is no longer linked. */
  articleId: string | null
  expiresAt: Date
  raisedAt: Date
}

/** What a banner links to: a published story's address parts. */
export type BannerLink = Pick<ArticleSummary, 'slug' | 'publishedAt' | 'headline'>

/** The banner as stored, with its story when that story is published. */
export interface StoredBanner extends BreakingNews {
  article: BannerLink | null
}

/** The banner as readers see it. */
export interface LiveBanner {
  text: string
  article: BannerLink | null
  expiresAt: Date
}

/** A section's block on the home page: its place and whether it shows at all. */
export interface SectionBlockSetting {
  sectionId: string
  position: number
  shown: boolean
}

/** A section as the home page and the newsroom list it: in block order, shown or not. */
export interface SectionBlock {
  id: string
  slug: string
  name: string
  shown: boolean
}

export const isLive = (placement: Placement, now: Date): boolean =>
  placement.pinnedUntil === null || placement.pinnedUntil.getTime() > now.getTime()

export const isBannerLive = (banner: BreakingNews, now: Date): boolean =>
  banner.expiresAt.getTime() > now.getTime()

/**
 * Sections in home-page order: those with a setting by its position, then any
 * section added since (not yet arranged) in navigation order, shown.
 */
export function blocksInOrder(
  sections: readonly { id: string; slug: string; name: string }[],
  settings: readonly SectionBlockSetting[],
): SectionBlock[] {
  const byId = new Map(settings.map((setting) => [setting.sectionId, setting]))
  const arranged = sections
    .filter((section) => byId.has(section.id))
    .sort((a, b) => (byId.get(a.id)?.position ?? 0) - (byId.get(b.id)?.position ?? 0))
  const added = sections.filter((section) => !byId.has(section.id))
  return [...arranged, ...added].map((section) => ({
    id: section.id,
    slug: section.slug,
    name: section.name,
    shown: byId.get(section.id)?.shown ?? true,
  }))
}

/**
 * The lead, the top stories and the briefs: the arranged stories first, in
 * their order, then the newest to fill what is left. No story appears twice.
 */
export function fillFront(
  arranged: readonly ArticleSummary[],
  newest: readonly ArticleSummary[],
): { lead: ArticleSummary | undefined; top: ArticleSummary[]; briefs: ArticleSummary[] } {
  const placed = arranged.slice(0, MAX_PLACED)
  const taken = new Set(placed.map((story) => story.id))
  const rest = newest.filter((story) => !taken.has(story.id))
  const upper = [...placed, ...rest.slice(0, MAX_PLACED - placed.length)]
  const [lead, ...top] = upper
  const briefs = rest.slice(
    MAX_PLACED - placed.length,
    MAX_PLACED - placed.length + FRONT_PAGE_SHAPE.briefs,
  )
  return { lead, top, briefs }
}

/** The banner's words: one line, 1 to FRONT_PAGE_LIMITS.bannerText characters. */
export function assertBannerText(text: string): void {
  if (text === '' || text.length > FRONT_PAGE_LIMITS.bannerText || /[\r\n]/.test(text)) {
    throw new ValidationError(
      'invalid_banner_text',
      `A breaking-news line is one line of 1–${FRONT_PAGE_LIMITS.bannerText} characters.`,
      { field: 'text' },
    )
  }
}

/** A number of hours typed in a form: a whole number from 1 to a week. */
export function hoursOf(value: string, field: string): number {
  const hours = /^\d{1,3}$/.test(value.trim()) ? Number(value.trim()) : NaN
  if (!Number.isInteger(hours) || hours < 1 || hours > FRONT_PAGE_LIMITS.hours) {
    throw new ValidationError(
      'invalid_hours',
      `Choose how long: 1 to ${FRONT_PAGE_LIMITS.hours} hours.`,
      { field },
    )
  }
  return hours
}

/** The hours a pin or a banner can be set for, as the newsroom offers them. */
export const DURATION_CHOICES: readonly number[] = [1, 2, 3, 6, 12, 24, 48, 72, 168]

const HOUR = 3_600_000

export const hoursFrom = (now: Date, hours: number): Date => new Date(now.getTime() + hours * HOUR)

import { createHash } from 'node:crypto'
import type { Article, ArticleTag, PublishedArticle } from '../../domain/articles/article.js'
import { effectiveSeo } from '../../domain/articles/article-seo.js'
import type { KeptStory, StoryPageRow } from '../../domain/stories/story-store.js'
import type { Embed } from '../../text/embeds.js'
import { renderedBody } from '../ui/body-html.js'
import { WrittenJsonLd, writeJsonLd } from '../ui/json-ld.js'
import type { SharingCard } from '../ui/layout.js'
import { renderInSite, type SiteInfo } from '../ui/site.js'
import { articlePath } from '../ui/urls.js'
import { articleSharing, articleStructuredData } from './structured-data.js'
import { relatedBoxOf } from './related-box.js'
import { StoryFooter, StoryTop, type StoryProps } from './views/story.js'

/**
 * An article page's story, rendered: the same for every reader until the
 * article or the site changes, so rendered when the article changes and kept
 * in the database with the generations it was rendered at (storage/
 * story-store.ts). A first read of an old article then reads it instead of
 * the article's heaviest statement, its Markdown and most of its view.
 */
export interface StoryParts {
  /** The story above its thread box, and its footer below it (views/story.tsx). */
  top: string
  footer: string
  /** The page's head, as the article gives it. */
  title: string
  description: string
  structuredData: WrittenJsonLd[]
  sharing: SharingCard
  /** Hosts of the body's embedded players: the page lets their frames load, and the embeds script. */
  frameOrigins: string[]
  /** What related coverage scores an article without a kept list by. */
  related: Pick<Article, 'headline' | 'standfirst'> & { tags: ArticleTag[] }
}

/**
 * A published article as its page reads it: a few of its fields, read each
 * time, and its story, rendered.
 */
export type StoryPage = Omit<StoryPageRow, 'kept' | 'generations'> & { parts: StoryParts }

/** The story of a published article, rendered. */
export function renderStoryParts(site: SiteInfo, article: PublishedArticle): StoryParts {
  const body = renderedBody(
    site,
    { body: article.body, dateline: article.dateline, images: article.inlineImages },
    { embeds: 'placeholder' },
    article,
  )
  const seo = effectiveSeo(article)
  return {
    ...storyHtml(site, article, body.html),
    title: seo.metaTitle,
    description: seo.metaDescription,
    structuredData: articleStructuredData(site, article, articlePath(article, site.timeZone)).map(
      writeJsonLd,
    ),
    sharing: articleSharing(site, article),
    frameOrigins: frameOriginsOf(body.embeds),
    related: {
      headline: article.headline,
      standfirst: article.standfirst,
      tags: article.tags,
    },
  }
}

/** The hosts of these embeds' players, each once: the frames a page showing them must allow. */
export function frameOriginsOf(embeds: readonly Embed[]): string[] {
  return [...new Set(embeds.flatMap((embed) => (embed.frame ? [new URL(embed.frame).origin] : [])))]
}

/** The story's two parts as HTML (a preview's too: a draft given the date it would show). */
export function storyHtml(
  site: SiteInfo,
  article: StoryProps['article'],
  bodyHtml: string,
): { top: string; footer: string } {
  return {
    top: renderInSite(site, <StoryTop article={article} bodyHtml={bodyHtml} />),
    footer: renderInSite(site, <StoryFooter article={article} />),
  }
}

/** The parts beside the HTML, as kept: the structured data as its JSON-LD text. */
type Meta = Omit<StoryParts, 'top' | 'footer' | 'structuredData'> & { structuredData: string[] }

/** The parts as kept: the HTML as it is, the rest as JSON. */
export function keptStoryOf(parts: StoryParts, stamp: string): KeptStory {
  const { top, footer, structuredData, ...rest } = parts
  const meta: Meta = { ...rest, structuredData: structuredData.map((data) => data.json) }
  return { stamp, top, footer, meta: JSON.stringify(meta) }
}

/** Kept parts read back (their stamp says they were written by this very renderer). */
export function storyPartsOf(kept: KeptStory): StoryParts {
  const { structuredData, ...meta } = JSON.parse(kept.meta) as Meta
  return {
    ...meta,
    structuredData: structuredData.map((json) => new WrittenJsonLd(json)),
    top: kept.top,
    footer: kept.footer,
  }
}

const DAY = 86_400_000
const IMAGE = {
  contentHash: 'c'.repeat(64),
  width: 2400,
  height: 1600,
  decorative: false,
  focalPoint: { x: 0.4, y: 0.6 },
}

/**
 * A story with every part a story can have: what the stamp is rendered from.
 * Its times are fixed, so its rendering depends only on the code and the site.
 */
const SAMPLE: PublishedArticle = {
  id: '00000000-0000-7000-8000-000000000000',
  slug: 'sample-story',
  headline: 'Sample headline & "quotes"',
  standfirst: 'A standfirst',
  dateline: 'LISBON',
  body: [
    'A paragraph with **bold**, _emphasis_, a [link](https://example.org/) and `code`.',
    '## A subheading',
    '> A quotation',
    '- one\n- two',
    '![An inline picture](media:00000000-0000-7000-8000-000000000002)',
    'https://www.youtube.com/watch?v=aqz-KE-bpKQ',
  ].join('\n\n'),
  keyPoints: ['First point', 'Second point'],
  brief: 'A brief',
  sectionId: 's',
  section: { slug: 'news', name: 'News' },
  bylines: [
    {
      id: 'a',
      slug: 'ana-lind',
      name: 'Ana Lind',
      photo: { ...IMAGE, id: 'p', alt: 'Ana', caption: '', credit: '', fileName: 'ana.jpg' },
    },
    { id: 'b', slug: 'ben-okri', name: 'Ben Okri', photo: null },
  ],
  tags: [{ id: 't', slug: 'floods', name: 'Floods' }],
  threadId: null,
  status: 'published',
  publishedAt: new Date(20_000 * DAY),
  scheduledFor: null,
  createdAt: new Date(20_000 * DAY),
  updatedAt: new Date(20_001 * DAY),
  createdBy: null,
  commentMode: 'default',
  corrections: [{ id: 'c', note: 'A correction', createdAt: new Date(20_001 * DAY) }],
  leadImage: {
    ...IMAGE,
    id: 'l',
    alt: 'A lead picture',
    caption: 'A caption',
    credit: 'A credit',
    fileName: 'lead.jpg',
  },
  inlineImages: [
    {
      ...IMAGE,
      id: '00000000-0000-7000-8000-000000000002',
      alt: 'An inline picture',
      caption: 'Its caption',
      credit: 'Its credit',
      fileName: 'inline.jpg',
    },
  ],
  seo: { metaTitle: '', metaDescription: '', socialTitle: '', socialDescription: '' },
  socialImage: null,
  version: 1,
}

/**
 * What a kept story (and related coverage box) was rendered by: a hash of the
 * sample story, and a box listing it, rendered now.
 * Any change of the code or of the site's settings that changes how a story
 * renders changes it, and stories kept under another stamp are rendered again
 * (the triggers' generations cover what is in the database; this, what is
 * not: the code, the site's address, its asset names). Remade when the site's
 * settings change, which its key follows.
 */
export function storyStamp(site: SiteInfo): () => string {
  let key = ''
  let stamp = ''
  return () => {
    const now = [
      site.name,
      site.language,
      site.timeZone,
      site.url,
      site.logo,
      site.media.page,
      site.media.absolute,
    ].join('\u0000')
    if (now !== key) {
      const parts = renderStoryParts(site, SAMPLE)
      // Related coverage boxes are kept under the same stamp: a card renders the sample too.
      const box = relatedBoxOf(site, [{ ...SAMPLE, brief: SAMPLE.standfirst }])
      stamp = createHash('sha256')
        .update(JSON.stringify(parts))
        .update(box.html)
        .update(now)
        .digest('base64url')
      key = now
    }
    return stamp
  }
}

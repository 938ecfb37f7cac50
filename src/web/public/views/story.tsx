import { isUpdatedAfterPublication, type Article } from '../../../domain/articles/article.js'
import { AuthorNames, Byline } from '../../ui/byline.js'
import { DateTime } from '../../ui/date-time.js'
import { TrustedHtml } from '../../ui/trusted-html.js'
import { Caption, Picture } from '../../ui/picture.js'
import { pictureFor } from '../../ui/pictures.js'
import { useSite } from '../../ui/site.js'
import type { ImageRef } from '../../../domain/media/media.js'
import { BODY_SIZES } from '../../../text/markdown.js'
import { sectionPath, tagPath } from '../../ui/urls.js'

/**
 * The story itself, as every reader sees it until the article or the site
 * changes: what is drawn from the article, its authors, section, tags and
 * pictures. Rendered apart from the page around it (story-parts.tsx), in two
 * parts: the story's thread box goes between them.
 */
export interface StoryProps {
  article: Article & { publishedAt: Date }
  /** The body rendered by text/markdown.ts, dateline included. */
  bodyHtml: string
}

/** The story's picture, first on the page: loaded at once, with its caption and credit. */
function LeadFigure({ image }: { image: ImageRef }) {
  const site = useSite()
  return (
    <figure class="figure lead-figure">
      <Picture picture={pictureFor(site, image)} sizes={BODY_SIZES} priority />
      <Caption image={image} />
    </figure>
  )
}

/** From the kicker to the corrections: everything of the story above its thread box. */
export function StoryTop({ article, bodyHtml }: StoryProps) {
  const updated = isUpdatedAfterPublication(article)
  return (
    <>
      <header class="story-header">
        <p class="kicker">
          <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
        </p>
        <h1>{article.headline}</h1>
        {article.standfirst && <p class="standfirst">{article.standfirst}</p>}
        <Byline authors={article.bylines} withPhotos />
        <p class="meta">
          Published <DateTime date={article.publishedAt} />
          {updated && (
            <>
              {' · '}Updated <DateTime date={article.updatedAt} withTime />
            </>
          )}
          {article.corrections.length > 0 && (
            <>
              {' · '}
              <a href="#corrections">
                {article.corrections.length === 1
                  ? 'Corrected'
                  : `${article.corrections.length} corrections`}
              </a>
            </>
          )}
        </p>
      </header>

      {article.leadImage && <LeadFigure image={article.leadImage} />}

      {article.keyPoints.length > 0 && (
        <aside class="at-a-glance" aria-label="At a glance: this story's key points">
          <h2>At a glance</h2>
          <ul>
            {article.keyPoints.map((point, index) => (
              <li key={index}>{point}</li>
            ))}
          </ul>
        </aside>
      )}

      <TrustedHtml class="story-body" html={bodyHtml} />

      {article.corrections.length > 0 && (
        <aside class="corrections" id="corrections" aria-labelledby="corrections-title">
          <h2 id="corrections-title">
            {article.corrections.length === 1 ? 'Correction' : 'Corrections'}
          </h2>
          <ul>
            {article.corrections.map((correction) => (
              <li key={correction.id}>
                <DateTime date={correction.createdAt} withTime />: {correction.note}
              </li>
            ))}
          </ul>
        </aside>
      )}
    </>
  )
}

/** The story's footer: its bylines and topics. */
export function StoryFooter({ article }: Pick<StoryProps, 'article'>) {
  return (
    <footer class="story-footer">
      {article.bylines.length > 0 && (
        <p class="byline">
          <AuthorNames authors={article.bylines} />
        </p>
      )}
      {article.tags.length > 0 && (
        <>
          <h2 class="visually-hidden">Topics</h2>
          <ul class="tag-list">
            {article.tags.map((tag) => (
              <li key={tag.slug}>
                <a href={tagPath(tag.slug)} rel="tag">
                  {tag.name}
                </a>
              </li>
            ))}
          </ul>
        </>
      )}
    </footer>
  )
}

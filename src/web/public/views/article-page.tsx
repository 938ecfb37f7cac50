import {
  isUpdatedAfterPublication,
  type Article,
  type ArticleSummary,
} from '../../../domain/articles/article.js'
import { ArticleCard } from '../../ui/article-card.js'
import { BriefsRail } from '../../ui/briefs-rail.js'
import { AuthorNames, Byline } from '../../ui/byline.js'
import { DateTime } from '../../ui/date-time.js'
import { TrustedHtml } from '../../ui/trusted-html.js'
import { Caption, Picture } from '../../ui/picture.js'
import { pictureFor } from '../../ui/pictures.js'
import { useSite } from '../../ui/site.js'
import type { ImageRef } from '../../../domain/media/media.js'
import { BODY_SIZES } from '../../../text/markdown.js'
import { CommentsSection, type CommentsSectionProps } from './comments-section.js'
import type { ThreadBox } from '../../../domain/threads/thread-service.js'
import { RelatedCoverage } from './related-coverage.js'
import { StoryThreadBox } from './story-thread-box.js'
import { sectionPath, tagPath } from '../../ui/urls.js'

export interface ArticlePageProps {
  article: Article & { publishedAt: Date }
  /** The body rendered by text/markdown.ts, dateline included. */
  bodyHtml: string
  /** Other recent stories from the same section. */
  more: ArticleSummary[]
  /** The latest stories site-wide, for the "At a glance" rail. */
  briefs: ArticleSummary[]
  /** None on a preview: a draft takes no comments. */
  comments?: CommentsSectionProps
  /** Said above the story: a preview's "not published". */
  notice?: string
  /** The story thread the article is part of, if any. */
  storyThread?: ThreadBox
  /** Stories related by shared tags and words. */
  relatedCoverage?: ArticleSummary[]
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

export function ArticlePage({
  article,
  bodyHtml,
  more,
  briefs,
  comments,
  notice,
  storyThread,
  relatedCoverage = [],
}: ArticlePageProps) {
  const updated = isUpdatedAfterPublication(article)
  return (
    <div class="story-layout">
      {notice && (
        <p class="preview-notice" role="note">
          {notice}
        </p>
      )}
      <article class="story">
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

        {storyThread && <StoryThreadBox box={storyThread} currentId={article.id} />}

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
      </article>

      {/* On a phone the comments follow the story, and the site-wide rail them. */}
      {comments && <CommentsSection {...comments} />}

      {briefs.length > 0 && <BriefsRail briefs={briefs} title="Latest news" />}

      <RelatedCoverage items={relatedCoverage} />

      {more.length > 0 && (
        <section class="related" aria-labelledby="more-title">
          <h2 id="more-title" class="section-heading">
            More from {article.section.name}
          </h2>
          <ul class="cards">
            {more.map((item) => (
              <ArticleCard key={item.id} article={item} />
            ))}
          </ul>
        </section>
      )}
    </div>
  )
}

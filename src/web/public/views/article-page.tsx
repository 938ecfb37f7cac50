import type { ArticleSummary } from '../../../domain/articles/article.js'
import { ArticleCard } from '../../ui/article-card.js'
import { BriefsRail } from '../../ui/briefs-rail.js'
import { TrustedHtml } from '../../ui/trusted-html.js'
import { renderInSite, useSite, type SiteInfo } from '../../ui/site.js'
import { CommentsSection, type CommentsSectionProps } from './comments-section.js'
import type { ThreadBox } from '../../../domain/threads/thread-service.js'
import { RelatedCoverage } from './related-coverage.js'
import { StoryThreadBox } from './story-thread-box.js'

/** The story as rendered (story.tsx): the parts above and below its thread box, as HTML. */
export interface StoryHtml {
  top: string
  footer: string
}

export interface ArticlePageProps {
  articleId: string
  story: StoryHtml
  /** The section's name, for "More from". */
  sectionName: string
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
  /** Stories related by shared tags and words, as their cards' HTML (related-box.tsx). */
  relatedCoverageHtml?: string
}

/** The thread box, as HTML to go between the story's parts. */
function threadBoxHtml(site: SiteInfo, box: ThreadBox, currentId: string): string {
  return renderInSite(site, <StoryThreadBox box={box} currentId={currentId} />)
}

export function ArticlePage({
  articleId,
  story,
  sectionName,
  more,
  briefs,
  comments,
  notice,
  storyThread,
  relatedCoverageHtml = '',
}: ArticlePageProps) {
  const site = useSite()
  return (
    <div class="story-layout">
      {notice && (
        <p class="preview-notice" role="note">
          {notice}
        </p>
      )}
      <TrustedHtml
        as="article"
        class="story"
        html={`${story.top}${storyThread ? threadBoxHtml(site, storyThread, articleId) : ''}${story.footer}`}
      />

      {/* On a phone the comments follow the story, and the site-wide rail them. */}
      {comments && <CommentsSection {...comments} />}

      {briefs.length > 0 && <BriefsRail briefs={briefs} title="Latest news" />}

      <RelatedCoverage cardsHtml={relatedCoverageHtml} />

      {more.length > 0 && (
        <section class="related" aria-labelledby="more-title">
          <h2 id="more-title" class="section-heading">
            More from {sectionName}
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

import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { FrontPage } from '../../../domain/articles/article-service.js'
import type { SectionRef } from '../../../domain/sections/section.js'
import { ArticleCard } from '../../ui/article-card.js'
import { Byline } from '../../ui/byline.js'
import { DateTime } from '../../ui/date-time.js'
import { BriefsRail } from '../../ui/briefs-rail.js'
import { useSite } from '../../ui/site.js'
import { articlePath, sectionPath } from '../../ui/urls.js'

function LeadStory({ story }: { story: ArticleSummary }) {
  const { timeZone } = useSite()
  return (
    <article class="lead-story">
      <p class="kicker">
        <a href={sectionPath(story.section.slug)}>{story.section.name}</a>
        {story.dateline && <> · {story.dateline}</>}
      </p>
      <h2>
        <a href={articlePath(story, timeZone)}>{story.headline}</a>
      </h2>
      <p class="standfirst">{story.brief}</p>
      <Byline authors={story.bylines} />
      <p class="meta">
        <DateTime date={story.publishedAt} />
      </p>
    </article>
  )
}

export function HomePage({
  front,
  sections,
}: {
  front: FrontPage
  sections: readonly SectionRef[]
}) {
  const { name } = useSite()
  return (
    <>
      <h1 class="visually-hidden">{name}: latest news</h1>
      {front.lead ? (
        <div class="front">
          <div>
            <LeadStory story={front.lead} />
            {front.top.length > 0 && (
              <section aria-labelledby="top-title">
                <h2 id="top-title" class="visually-hidden">
                  Top stories
                </h2>
                <ul class="cards top-stories">
                  {front.top.map((story) => (
                    <ArticleCard key={story.id} article={story} showSection />
                  ))}
                </ul>
              </section>
            )}
          </div>
          {front.briefs.length > 0 && <BriefsRail briefs={front.briefs} />}
        </div>
      ) : (
        <p>Nothing has been published yet.</p>
      )}
      {sections.map((section) => {
        const stories = front.bySection.get(section.slug) ?? []
        if (stories.length === 0) return null
        return (
          <section key={section.slug} aria-labelledby={`section-${section.slug}`}>
            <h2 class="section-heading" id={`section-${section.slug}`}>
              <a href={sectionPath(section.slug)}>{section.name}</a>
            </h2>
            <ul class="cards">
              {stories.map((story) => (
                <ArticleCard key={story.id} article={story} />
              ))}
            </ul>
          </section>
        )
      })}
    </>
  )
}

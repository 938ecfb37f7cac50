import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { FrontPage } from '../../../domain/articles/article-service.js'
import type { SectionRef } from '../../../domain/sections/section.js'
import { ArticleCard } from '../../ui/article-card.js'
import { Byline } from '../../ui/byline.js'
import { DateTime } from '../../ui/date-time.js'
import { BriefsRail } from '../../ui/briefs-rail.js'
import { Caption, Picture } from '../../ui/picture.js'
import { pictureFor } from '../../ui/pictures.js'
import { useSite } from '../../ui/site.js'
import { articlePath, sectionPath } from '../../ui/urls.js'

/** The width the lead story's picture takes: two thirds of the page beside the rail, or all of it. */
const LEAD_SIZES = '(min-width: 74rem) 45rem, (min-width: 56rem) 62vw, calc(100vw - 2rem)'

function LeadStory({ story }: { story: ArticleSummary }) {
  const site = useSite()
  const { timeZone } = site
  return (
    <article class="lead-story">
      {story.leadImage && (
        <figure class="figure">
          <Picture picture={pictureFor(site, story.leadImage)} sizes={LEAD_SIZES} priority />
          <Caption image={story.leadImage} />
        </figure>
      )}
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
                    <ArticleCard key={story.id} article={story} showSection image="above" />
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

import type { ArticleSummary } from '../../../domain/articles/article.js'
import type { FrontPage } from '../../../domain/front-page/front-page-service.js'
import { ArticleCard } from '../../ui/article-card.js'
import { Byline } from '../../ui/byline.js'
import { DateTime } from '../../ui/date-time.js'
import { BriefsRail } from '../../ui/briefs-rail.js'
import { Caption, Picture } from '../../ui/picture.js'
import { pictureFor } from '../../ui/pictures.js'
import { useSite } from '../../ui/site.js'
import { useFragment } from '../../ui/fragments.js'
import { TrustedHtml } from '../../ui/trusted-html.js'
import { articlePath, sectionPath } from '../../ui/urls.js'

/** The width the lead story's picture takes: two thirds of the page beside the rail, or all of it. */
const LEAD_SIZES = '(min-width: 74rem) 45rem, (min-width: 56rem) 62vw, calc(100vw - 2rem)'

function LeadStory({ story }: { story: ArticleSummary }) {
  const html = useFragment(story, 'lead', () => <LeadContent story={story} />)
  const className = story.leadImage ? 'lead-story' : 'lead-story lead-story-text'
  return typeof html === 'string' ? (
    <TrustedHtml as="article" class={className} html={html} />
  ) : (
    <article class={className}>{html}</article>
  )
}

/** The lead's picture and words, rendered once per version of the story (ui/fragments.tsx). */
function LeadContent({ story }: { story: ArticleSummary }) {
  const site = useSite()
  const { timeZone } = site
  return (
    <>
      {story.leadImage && (
        <figure class="figure">
          <Picture picture={pictureFor(site, story.leadImage)} sizes={LEAD_SIZES} priority />
          <Caption image={story.leadImage} />
        </figure>
      )}
      <div class="lead-text">
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
      </div>
    </>
  )
}

/**
 * A section's block. Four stories: the newest with a picture leads it, the
 * others listed beside; fewer: each with its own picture. The grid takes its
 * columns from how many there are (site.css), so one story or four fill the row.
 */
function SectionBlock({
  slug,
  name,
  stories,
}: {
  slug: string
  name: string
  stories: readonly ArticleSummary[]
}) {
  const count = Math.min(stories.length, 4)
  const feature = stories.find((story) => story.leadImage)
  const ordered = feature ? [feature, ...stories.filter((story) => story !== feature)] : stories
  const plain = count === 4 && !feature
  return (
    <section class="section-block" aria-labelledby={`section-${slug}`}>
      <h2 class="section-heading" id={`section-${slug}`}>
        <a href={sectionPath(slug)}>{name}</a>
      </h2>
      <ul class={`cards block-cards block-count-${count}${plain ? ' block-plain' : ''}`}>
        {ordered.map((story, index) => (
          <ArticleCard
            key={story.id}
            article={story}
            image={index === 0 || count < 4 ? 'above' : undefined}
          />
        ))}
      </ul>
    </section>
  )
}

export function HomePage({ front }: { front: FrontPage }) {
  const { name } = useSite()
  return (
    <>
      <h1 class="visually-hidden">{name}: latest news</h1>
      {front.lead ? (
        <div class="front">
          <div class="front-main">
            <LeadStory story={front.lead} />
            {front.top.length > 0 && (
              <section aria-labelledby="top-title">
                <h2 id="top-title" class="visually-hidden">
                  Top stories
                </h2>
                <ul class={`cards top-stories top-count-${front.top.length}`}>
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
      {front.blocks
        .filter((block) => block.stories.length > 0)
        .map((block) => (
          <SectionBlock key={block.slug} {...block} />
        ))}
    </>
  )
}

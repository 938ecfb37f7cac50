import type { NewsroomSummary } from '../../../domain/articles/article-store.js'
import type { Arrangement, PlacedStory } from '../../../domain/front-page/front-page-service.js'
import { MAX_PLACED, type SectionBlock } from '../../../domain/front-page/front-page.js'
import type { Problem } from '../../plugins/problems.js'
import { DateTime } from '../../ui/date-time.js'
import { CsrfField } from './admin-layout.js'
import { MoveButtons, ProblemBanner } from './form-parts.js'
import { BannerForm, DurationSelect, type BannerAttempt } from './front-page-banner.js'

export type { BannerAttempt }

function placeName(index: number): string {
  return index === 0 ? 'Lead' : `Top story ${index}`
}

function PlacedRow({ story, index, count }: { story: PlacedStory; index: number; count: number }) {
  const base = `/admin/front-page/stories/${story.articleId}`
  const name = `“${story.headline}”`
  return (
    <li class="placed" id={`placed-${story.articleId}`} data-id={story.articleId}>
      <p class="placed-title">
        <span class="placed-place">{placeName(index)}</span>{' '}
        <a href={`/admin/articles/${story.articleId}`}>{story.headline}</a>
      </p>
      <p class="muted">
        {!story.published
          ? 'Not published: not on the front page until it is again.'
          : story.pinnedUntil
            ? [
                story.showing ? 'Pinned until ' : 'Pin ran out at ',
                <DateTime key="until" date={story.pinnedUntil} withTime />,
              ]
            : 'Until taken off.'}
      </p>
      <div class="placed-actions">
        {index > 0 && (
          <form method="post" action={`${base}/move`}>
            <CsrfField />
            <button type="submit" name="direction" value="lead">
              Make<span class="visually-hidden"> {name} the</span> lead
            </button>
          </form>
        )}
        <MoveButtons action={`${base}/move`} name={name} index={index} count={count} />
        <form method="post" action={`${base}/pin`} class="row-form">
          <CsrfField />
          <label for={`pin-${story.articleId}`} class="visually-hidden">
            How long {name} stays
          </label>
          <DurationSelect id={`pin-${story.articleId}`} name="hours" forever />
          <button type="submit">
            Pin<span class="visually-hidden"> {name}</span>
          </button>
        </form>
        <form method="post" action={`${base}/remove`}>
          <CsrfField />
          <button type="submit">
            Take off<span class="visually-hidden"> {name}</span>
          </button>
        </form>
      </div>
    </li>
  )
}

function Candidates({
  candidates,
  query,
  full,
}: {
  candidates: readonly NewsroomSummary[]
  query: string
  full: boolean
}) {
  return (
    <section aria-labelledby="add-title" id="add">
      <h2 id="add-title">Place a story</h2>
      {full && (
        <p class="hint">
          The front page holds {MAX_PLACED} arranged stories: take one off to place another, or pin
          one below to change how long it stays.
        </p>
      )}
      <form
        method="get"
        action="/admin/front-page#add"
        class="row-form"
        role="search"
        aria-label="Published stories"
      >
        <label for="q">Headline contains</label>
        <input id="q" name="q" type="search" value={query} />
        <button type="submit">Find</button>
      </form>
      {candidates.length === 0 ? (
        <p class="empty">No published stories found.</p>
      ) : (
        <ul class="candidates">
          {candidates.map((article) => (
            <li key={article.id}>
              <span>
                {article.headline}
                <span class="muted">
                  {' '}
                  · {article.section.name}
                  {article.publishedAt && (
                    <>
                      {' '}
                      · <DateTime date={article.publishedAt} />
                    </>
                  )}
                </span>
              </span>
              <form method="post" action="/admin/front-page/stories" class="row-form">
                <CsrfField />
                <input type="hidden" name="article_id" value={article.id} />
                <label for={`for-${article.id}`} class="visually-hidden">
                  How long “{article.headline}” stays
                </label>
                <DurationSelect id={`for-${article.id}`} name="hours" forever />
                <button type="submit">
                  Place<span class="visually-hidden"> “{article.headline}”</span>
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

function SectionBlocks({ blocks }: { blocks: readonly SectionBlock[] }) {
  return (
    <section aria-labelledby="blocks-title" id="blocks">
      <h2 id="blocks-title">Section blocks</h2>
      <p class="hint">
        Under the top stories, each section shown here gets a block of its newest stories, in this
        order.
      </p>
      <ol class="blocks">
        {blocks.map((block, index) => (
          <li key={block.id} id={`block-${block.slug}`}>
            <span>
              {block.name} <span class="muted">{block.shown ? '· shown' : '· hidden'}</span>
            </span>
            <MoveButtons
              action={`/admin/front-page/sections/${block.slug}/move`}
              name={`the ${block.name} block`}
              index={index}
              count={blocks.length}
            />
            <form method="post" action={`/admin/front-page/sections/${block.slug}/show`}>
              <CsrfField />
              <button type="submit" name="shown" value={block.shown ? 'no' : 'yes'}>
                {block.shown ? 'Hide' : 'Show'}
                <span class="visually-hidden"> the {block.name} block</span>
              </button>
            </form>
          </li>
        ))}
      </ol>
    </section>
  )
}

/** The front-page desk at /admin/front-page: lead, top stories, pins, banner and section blocks. */
export function FrontPageDesk({
  arrangement,
  query,
  notice,
  problem,
  bannerAttempt,
}: {
  arrangement: Arrangement
  query: string
  notice?: string | undefined
  problem?: Problem | undefined
  bannerAttempt?: BannerAttempt | undefined
}) {
  const { placed, front } = arrangement
  return (
    <>
      <h1>Front page</h1>
      {notice && (
        <p class="notice" role="status">
          {notice}
        </p>
      )}
      <ProblemBanner problem={problem} />
      <BannerForm arrangement={arrangement} attempt={bannerAttempt} problem={problem} />
      <section aria-labelledby="arranged-title" id="arranged">
        <h2 id="arranged-title">Lead and top stories</h2>
        <p class="hint">
          The first story leads. Places you leave empty fill with the newest stories, so the page
          never goes stale. Without JavaScript, use the buttons; with it, drag a story or press its
          place and use the arrow keys.
        </p>
        {placed.length === 0 ? (
          <p class="empty">No story is placed: the newest leads.</p>
        ) : (
          <ol class="placed-list" data-reorder="/admin/front-page/order">
            {placed.map((story, index) => (
              <PlacedRow key={story.articleId} story={story} index={index} count={placed.length} />
            ))}
          </ol>
        )}
        <h3>On the front page now</h3>
        <ol class="front-now">
          {[front.lead, ...front.top].flatMap((story) =>
            story ? [<li key={story.id}>{story.headline}</li>] : [],
          )}
        </ol>
      </section>
      <Candidates
        candidates={arrangement.candidates}
        query={query}
        full={placed.length >= MAX_PLACED}
      />
      <SectionBlocks blocks={arrangement.blocks} />
    </>
  )
}

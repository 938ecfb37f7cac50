import type { ArticleSummary } from '../../domain/articles/article.js'
import { AuthorNames } from './byline.js'
import { DateTime } from './date-time.js'
import { useFragment } from './fragments.js'
import { Picture } from './picture.js'
import { focalClasses, pictureFor } from './pictures.js'
import { useSite } from './site.js'
import { TrustedHtml } from './trusted-html.js'
import { articlePath, sectionPath } from './urls.js'

/**
 * Where a card shows its story's picture: above the headline (the home page's
 * top stories), or small beside it (section, author and tag pages).
 */
export type CardImage = 'above' | 'beside'

/** The width a card's picture takes, per layout (site.css: .top-stories, .stack). */
const CARD_SIZES: Record<CardImage, string> = {
  above:
    '(min-width: 74rem) 22rem, (min-width: 56rem) 31vw, (min-width: 40rem) 47vw, calc(100vw - 2rem)',
  beside: '(min-width: 40rem) 12rem, 33vw',
}

/** A story in a listing: kicker, headline, one line, byline and date, and its picture if asked. */
export function ArticleCard(props: {
  article: ArticleSummary
  headingLevel?: 2 | 3
  showSection?: boolean
  image?: CardImage
}) {
  const { article, headingLevel = 3, showSection = false, image } = props
  const html = useFragment(article, `card ${headingLevel} ${showSection} ${image ?? ''}`, () => (
    <CardContent {...props} />
  ))
  const className = image && article.leadImage ? `card card-image-${image}` : 'card'
  return typeof html === 'string' ? (
    <TrustedHtml as="li" class={className} html={html} />
  ) : (
    <li class={className}>{html}</li>
  )
}

/** What a card holds, rendered once per story, variant and version (ui/fragments.tsx). */
function CardContent({
  article,
  headingLevel = 3,
  showSection = false,
  image,
}: {
  article: ArticleSummary
  headingLevel?: 2 | 3
  showSection?: boolean
  image?: CardImage
}) {
  const site = useSite()
  const Heading = headingLevel === 2 ? 'h2' : 'h3'
  const summary = article.brief
  const lead = image && article.leadImage
  return (
    <article>
      {lead && (
        // The headline beside it says what the story is: the picture adds nothing to read out.
        <Picture
          picture={{ ...pictureFor(site, lead), alt: '' }}
          sizes={CARD_SIZES[image]}
          class={`card-picture ${focalClasses(lead)}`}
        />
      )}
      <div class="card-text">
        {showSection && (
          <p class="kicker">
            <a href={sectionPath(article.section.slug)}>{article.section.name}</a>
          </p>
        )}
        <Heading>
          <a href={articlePath(article, site.timeZone)}>{article.headline}</a>
        </Heading>
        {summary && <p class="summary">{summary}</p>}
        <p class="card-meta">
          {article.bylines.length > 0 && (
            <>
              <AuthorNames authors={article.bylines} />
              {' · '}
            </>
          )}
          <DateTime date={article.publishedAt} />
        </p>
      </div>
    </article>
  )
}

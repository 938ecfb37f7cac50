import type { ArticleSummary } from '../../../domain/articles/article.js'
import { ArticleCard } from '../../ui/article-card.js'
import { TrustedHtml } from '../../ui/trusted-html.js'

/** The cards of stories related to this one by shared tags and words (domain/related/). */
export function RelatedCards({ items }: { items: readonly ArticleSummary[] }) {
  return (
    <>
      {items.map((item) => (
        <ArticleCard key={item.id} article={item} showSection />
      ))}
    </>
  )
}

/** The box of related coverage around its cards, as HTML (related-box.tsx). Nothing when none are. */
export function RelatedCoverage({ cardsHtml }: { cardsHtml: string }) {
  if (cardsHtml === '') return null
  return (
    <section class="related related-coverage" aria-labelledby="related-title">
      <h2 id="related-title" class="section-heading">
        Related coverage
      </h2>
      <TrustedHtml as="ul" class="cards" html={cardsHtml} />
    </section>
  )
}

import type { ArticleSummary } from '../../../domain/articles/article.js'
import { ArticleCard } from '../../ui/article-card.js'

/** Stories related to this one by shared tags and words (domain/related/). Nothing when none are. */
export function RelatedCoverage({ items }: { items: readonly ArticleSummary[] }) {
  if (items.length === 0) return null
  return (
    <section class="related related-coverage" aria-labelledby="related-title">
      <h2 id="related-title" class="section-heading">
        Related coverage
      </h2>
      <ul class="cards">
        {items.map((item) => (
          <ArticleCard key={item.id} article={item} showSection />
        ))}
      </ul>
    </section>
  )
}

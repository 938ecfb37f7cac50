import type { Page } from '../../../domain/pages/page.js'
import { TrustedHtml } from '../../ui/trusted-html.js'

/** A page of the site (About, Contact…): its title and its text, nothing dated. */
export function SitePage({ page, html }: { page: Page; html: string }) {
  return (
    <article class="site-page">
      <h1>{page.title}</h1>
      <TrustedHtml html={html} class="story-body" />
    </article>
  )
}

/**
 * The only place raw HTML enters a page. `html` must come from a renderer
 * that escapes its input: text/markdown.ts, or preact's own for the cached
 * fragments of ui/fragments.tsx, the kept masthead and footer of
 * plugins/render.tsx and the stories kept in the database by
 * public/story-parts.tsx; grep for TrustedHtml in review.
 */
export function TrustedHtml({
  html,
  class: className,
  as: Tag = 'div',
  id,
}: {
  html: string
  class?: string
  /**
   * The element that holds it: a card is a list item, a kept page's content
   * the main element, the kept masthead and footer theirs, kept cards their list.
   */
  as?: 'div' | 'li' | 'ul' | 'article' | 'main' | 'header' | 'footer'
  id?: string
}) {
  return <Tag id={id} class={className} dangerouslySetInnerHTML={{ __html: html }} />
}

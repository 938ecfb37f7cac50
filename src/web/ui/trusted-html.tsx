/**
 * The only place raw HTML enters a page. `html` must come from a renderer
 * that escapes its input (text/markdown.ts); grep for TrustedHtml in review.
 */
export function TrustedHtml({ html, class: className }: { html: string; class?: string }) {
  return <div class={className} dangerouslySetInnerHTML={{ __html: html }} />
}

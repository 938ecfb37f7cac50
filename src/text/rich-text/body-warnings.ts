import MarkdownIt from 'markdown-it'
import { imageReferences } from '../markdown.js'

/**
 * What a body holds that readers would not get as written: raw HTML (the site
 * renders Markdown with HTML off, so a tag shows as its text) and pictures
 * from other sites (never loaded: pages show only the library's pictures, and a
 * save refuses them). Shown beside the body before saving, in the writer's words.
 */
const htmlFinder = new MarkdownIt({ html: true, linkify: false })

const MOST_SHOWN = 3

export function bodyWarnings(markdown: string): string[] {
  const warnings: string[] = []
  const html = rawHtmlIn(markdown)
  if (html.length > 0) {
    warnings.push(
      `Raw HTML is shown to readers as text, not as markup: ${listed(html)}. Use the editor's formatting instead.`,
    )
  }
  const other = imageReferences(markdown).other
  if (other.length > 0) {
    warnings.push(
      `Pictures from other sites are not shown and the story cannot be saved with them: ${listed(other)}. Upload them to the media library and insert them from there.`,
    )
  }
  return warnings
}

function rawHtmlIn(markdown: string): string[] {
  const found: string[] = []
  const visit = (tokens: ReturnType<typeof htmlFinder.parse>) => {
    for (const token of tokens) {
      if (token.type === 'html_block' || token.type === 'html_inline') {
        const tag = /<\/?[a-z][a-z0-9-]*|<!--/i.exec(token.content)?.[0]
        if (tag) found.push(`${tag.replace('/', '')}>`.replace('<!-->', '<!-- … -->'))
      }
      if (token.children) visit(token.children)
    }
  }
  visit(htmlFinder.parse(markdown, {}))
  return [...new Set(found)]
}

function listed(items: readonly string[]): string {
  const shown = items.slice(0, MOST_SHOWN).join(', ')
  return items.length > MOST_SHOWN ? `${shown} and ${items.length - MOST_SHOWN} more` : shown
}

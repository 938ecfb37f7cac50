import { parse } from 'node-html-parser'

/** Elements a story body may render: the Markdown the site renders, and its figures. */
const BODY_ELEMENTS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'strong',
  'em',
  'a',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'br',
  'figure',
  'figcaption',
  'picture',
  'source',
  'img',
  'span',
  'code',
  'pre',
  's',
  'table',
  'thead',
  'tbody',
  'tr',
  'th',
  'td',
])

/**
 * Why a rendered body is not inert, or undefined: an element Markdown never
 * makes, an event attribute, a style, or a link anywhere but the web or an inbox.
 */
export function notInert(html: string): string | undefined {
  for (const element of parse(html).querySelectorAll('*')) {
    const tag = element.tagName.toLowerCase()
    if (!BODY_ELEMENTS.has(tag)) return `a <${tag}> element`
    for (const [name, value] of Object.entries(element.attributes)) {
      if (/^on/i.test(name) || name.toLowerCase() === 'style') return `<${tag} ${name}>`
      if (name.toLowerCase() === 'href' && !/^(https?:\/\/|mailto:)/i.test(value)) {
        return `a link to ${value}`
      }
    }
  }
  return undefined
}

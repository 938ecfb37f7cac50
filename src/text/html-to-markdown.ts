// HTML from another platform → the Markdown Dateline stores, with turndown.
// Only what Markdown can say survives: raw HTML never passes through (an
// unknown element keeps its text, scripts and styles go whole), pictures go
// through the caller (who decides their address), and a player or a lone link
// becomes its address alone on a line, which the renderer may show as an embed.
import TurndownService from 'turndown'

/** A picture the HTML shows, for the caller to place. */
export interface HtmlImage {
  src: string
  alt: string
  title: string
  /** The figure's caption, as plain text ('' when none). */
  caption: string
}

export interface HtmlToMarkdownOptions {
  /**
   * The Markdown address of a picture, or null to leave it out (its alt text
   * stays as words). Without it, pictures keep their own address.
   */
  image?: (image: HtmlImage) => string | null
}

/** Elements whose content is never text a reader wrote. */
const DROPPED = ['script', 'style', 'noscript', 'template', 'head', 'title', 'form', 'button']

type TurndownNode = Parameters<TurndownService.ReplacementFunction>[1]

const attr = (node: TurndownNode, name: string): string => node.getAttribute(name)?.trim() ?? ''

/** Plain text of an element, whitespace collapsed. */
const textOf = (node: Node | null | undefined): string =>
  (node?.textContent ?? '').replace(/\s+/g, ' ').trim()

/** Markdown's image description: brackets and backslashes escaped, on one line. */
const describe = (text: string): string =>
  text.replace(/\s+/g, ' ').replace(/[\\[\]]/g, (c) => `\\${c}`)

/** An address that can sit in `(…)` or `<…>` unchanged: no spaces, no brackets. */
const safeAddress = (address: string): string => address.replace(/[\s<>()]/g, encodeURIComponent)

function isHttpsLink(text: string): boolean {
  return /^https:\/\/\S+$/.test(text) && URL.canParse(text)
}

/** The player's address of an iframe, video or embed, when it is one people can follow. */
function playerAddress(node: TurndownNode): string {
  const source = attr(node, 'src') || attr(node.querySelector('source') ?? node, 'src')
  return isHttpsLink(source) ? source : ''
}

function captionOf(node: TurndownNode): string {
  const figure = node.closest('figure')
  return textOf(figure?.querySelector('figcaption'))
}

function createService(options: () => HtmlToMarkdownOptions): TurndownService {
  const service = new TurndownService({
    headingStyle: 'atx',
    bulletListMarker: '-',
    codeBlockStyle: 'fenced',
    emDelimiter: '*',
    hr: '---',
  })
  service.remove(DROPPED as TurndownService.Filter)
  service.addRule('picture', {
    filter: 'img',
    replacement: (_content, node) => {
      const src = attr(node, 'src')
      const image: HtmlImage = {
        src,
        alt: attr(node, 'alt'),
        title: attr(node, 'title'),
        caption: captionOf(node),
      }
      const place = options().image
      const address = place ? place(image) : src
      if (address === null || address === '') return describe(image.alt)
      return `![${describe(image.alt)}](${safeAddress(address)})`
    },
  })
  // A figure's caption went with its picture; a figure with no picture keeps its words.
  service.addRule('caption', {
    filter: (node) =>
      node.nodeName === 'FIGCAPTION' && (node.parentElement?.querySelector('img') ?? null) !== null,
    replacement: () => '',
  })
  // Preformatted text without <code> (WordPress's classic editor writes it so) stays preformatted.
  service.addRule('pre', {
    filter: (node) => node.nodeName === 'PRE' && !node.querySelector('code'),
    replacement: (_content, node) => {
      const text = (node.textContent ?? '').replace(/\n+$/, '')
      const fence = text.includes('```') ? '~~~' : '```'
      return `\n\n${fence}\n${text}\n${fence}\n\n`
    },
  })
  service.addRule('figure', {
    filter: 'figure',
    replacement: (content) => `\n\n${content.trim()}\n\n`,
  })
  service.addRule('player', {
    filter: ['iframe', 'video', 'audio', 'embed', 'object'],
    replacement: (_content, node) => {
      const address = playerAddress(node)
      return address ? `\n\n<${safeAddress(address)}>\n\n` : ''
    },
  })
  // A paragraph that is only an address (WordPress embeds such a line) stays one, unescaped.
  service.addRule('lone-link', {
    filter: (node) =>
      (node.nodeName === 'P' || node.nodeName === 'DIV') &&
      isHttpsLink(textOf(node)) &&
      !hasPicture(node),
    replacement: (_content, node) => `\n\n<${safeAddress(textOf(node))}>\n\n`,
  })
  return service
}

function hasPicture(node: HTMLElement): boolean {
  // domino (turndown's DOM in Node) answers undefined, not null, when nothing matches.
  return Boolean(node.querySelector('img, iframe, video'))
}

// One service for each use, built once: building one costs more than most conversions.
let current: HtmlToMarkdownOptions = {}
const markdownService = createService(() => current)
const plainService = createPlainService()

/**
 * Converts HTML to Markdown. The result has no HTML in it: an element
 * Markdown cannot express leaves its text only.
 */
export function htmlToMarkdown(html: string, options: HtmlToMarkdownOptions = {}): string {
  const previous = current
  current = options
  try {
    return markdownService
      .turndown(html === '' ? ' ' : html)
      .replace(/\n{3,}/g, '\n\n')
      .trim()
  } finally {
    current = previous
  }
}

function createPlainService(): TurndownService {
  const service = createService(() => ({ image: () => null }))
  service.escape = (text: string) => text
  service.addRule('plain-link', { filter: 'a', replacement: (content) => content })
  service.addRule('plain-emphasis', {
    filter: ['em', 'i', 'strong', 'b', 'code'],
    replacement: (content) => content,
  })
  return service
}

/** The words of an HTML fragment (a comment, an excerpt), entities decoded, tags gone. */
export function htmlToPlainText(html: string): string {
  // Most titles and comments are plain text already: no parse needed.
  if (!/[<&]/.test(html)) {
    return html
      .replace(/[ \t]*\n[ \t]*/g, '\n')
      .replace(/[ \t]+/g, ' ')
      .trim()
  }
  return plainService
    .turndown(html)
    .replace(/\n{3,}/g, '\n\n')
    .trim()
}

import MarkdownIt, { type Token } from 'markdown-it'
import { recognizeEmbed, type Embed } from './embeds.js'
import { embedLinkHtml, embedPlaceholderHtml } from './embed-html.js'
import { figureHtml, pictureHtml, type FigureImage } from './picture-html.js'
import { pullQuotes } from './pull-quotes.js'

/**
 * Article bodies are Markdown with raw HTML switched off, so nothing a writer
 * or an importer types becomes markup other than Markdown's own.
 */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: true })
// Smart quotes only: "(c)" → "©" and "--" → "–" would change the writer's words.
renderer.disable('replacements')
renderer.use(pullQuotes)

// The page's headline is its only h1: body headings start at h2.
renderer.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1') {
      token.tag = 'h2'
    }
  }
})

/** Where a Markdown image names a picture of the media library: `![…](media:ID)`. */
const LIBRARY_IMAGE = /^media:([0-9a-z-]{1,64})$/i

/** The library id an image token names, if it names one. */
function libraryId(token: Token | undefined): string | undefined {
  if (token?.type !== 'image') return undefined
  return LIBRARY_IMAGE.exec(String(token.attrGet('src') ?? ''))?.[1]?.toLowerCase()
}

/** What a render is given: how to show library images, and the width they take on the page. */
interface RenderEnv {
  images?: ImageResolver
  sizes?: string
  /** How known sources' links show: a click-to-load placeholder, or the link itself. */
  embeds?: EmbedMode
  /** The embeds the render placed, in order. */
  found?: Embed[]
}

/** markdown-it hands rules the env it was given, typed as anything. */
const envOf = (env: unknown): RenderEnv => env ?? {}

// A library image alone in its paragraph becomes a figure with its caption and credit.
renderer.core.ruler.push('library_figures', (state) => {
  const tokens = state.tokens
  for (let index = 0; index + 2 < tokens.length; index++) {
    const [open, inline, close] = [tokens[index], tokens[index + 1], tokens[index + 2]]
    if (open?.type !== 'paragraph_open' || inline?.type !== 'inline') continue
    if (close?.type !== 'paragraph_close') continue
    const parts = (inline.children ?? []).filter(
      (child) =>
        !(child.type === 'text' && child.content.trim() === '') && child.type !== 'softbreak',
    )
    const id = parts.length === 1 ? libraryId(parts[0]) : undefined
    if (id === undefined) continue
    const figure = new state.Token('library_figure', 'figure', 0)
    figure.block = true
    figure.meta = { id }
    tokens.splice(index, 3, figure)
  }
})

/** The link a paragraph holds and nothing else: a bare URL, `<URL>` or `[URL](URL)`. */
function loneLink(children: readonly Token[]): string | undefined {
  const parts = children.filter(
    (child) =>
      !(child.type === 'text' && child.content.trim() === '') && child.type !== 'softbreak',
  )
  const [first, text, close] = parts
  if (parts.length === 1 && first?.type === 'text') return first.content.trim()
  if (parts.length !== 3 || first?.type !== 'link_open' || close?.type !== 'link_close') {
    return undefined
  }
  const href = String(first.attrGet('href') ?? '')
  // A link with words of its own is the writer's link, not a pasted address.
  return text?.type === 'text' && text.content === href ? href : undefined
}

// A known source's link on a line of its own (a top-level paragraph) becomes an embed.
renderer.core.ruler.push('embeds', (state) => {
  const tokens = state.tokens
  for (let index = 0; index + 2 < tokens.length; index++) {
    const [open, inline, close] = [tokens[index], tokens[index + 1], tokens[index + 2]]
    if (open?.type !== 'paragraph_open' || open.level !== 0 || inline?.type !== 'inline') continue
    if (close?.type !== 'paragraph_close') continue
    const link = loneLink(inline.children ?? [])
    const embed = link === undefined ? undefined : recognizeEmbed(link)
    if (!embed) continue
    const token = new state.Token('embed', 'figure', 0)
    token.block = true
    token.meta = { embed }
    tokens.splice(index, 3, token)
  }
})

renderer.renderer.rules.embed = (tokens, index, _options, raw) => {
  const env = envOf(raw)
  const embed = tokens[index]?.meta?.embed as Embed | undefined
  if (!embed) return ''
  env.found?.push(embed)
  return env.embeds === 'placeholder' ? embedPlaceholderHtml(embed) : embedLinkHtml(embed)
}

renderer.renderer.rules.library_figure = (tokens, index, _options, raw) => {
  const env = envOf(raw)
  const id: unknown = tokens[index]?.meta?.id
  const image = typeof id === 'string' ? env.images?.(id) : undefined
  return image ? figureHtml(image, { sizes: env.sizes ?? BODY_SIZES }) : ''
}

// Pages never load anything from another host: a library image inside a line of text is
// its picture alone; a same-site image is kept; any other image becomes its description.
const defaultImage = renderer.renderer.rules.image
renderer.renderer.rules.image = (tokens, index, options, raw, self) => {
  const env = envOf(raw)
  const token = tokens[index]
  const id = libraryId(token)
  if (id !== undefined) {
    const image = env.images?.(id)
    return image ? pictureHtml(image.picture, { sizes: env.sizes ?? BODY_SIZES }) : ''
  }
  const src = String(token?.attrGet('src') ?? '')
  if (!token || !src.startsWith('/') || src.startsWith('//')) {
    return renderer.utils.escapeHtml(token?.content ?? '')
  }
  return defaultImage ? defaultImage(tokens, index, options, raw, self) : ''
}

// The dateline opens the lead paragraph: "MOSCOW, RUSSIA — The president …".
renderer.renderer.rules.paragraph_open = (tokens, index, options, _env, self) => {
  const html = self.renderToken(tokens, index, options)
  const dateline: unknown = tokens[index]?.meta?.dateline
  if (typeof dateline !== 'string') return html
  return `${html}<span class="dateline">${renderer.utils.escapeHtml(dateline)}</span> — `
}

/** A library picture by id, as a body shows it; undefined for one it does not know. */
export type ImageResolver = (id: string) => FigureImage | undefined

/** The width a body picture takes: the story's column (40rem), or the screen less its margins. */
export const BODY_SIZES = '(min-width: 42rem) 40rem, calc(100vw - 2rem)'

/**
 * `placeholder` for pages (click to load, nothing fetched before);
 * `link` for feeds and anywhere a script cannot run: the link alone.
 */
export type EmbedMode = 'placeholder' | 'link'

export interface RenderOptions {
  /** How links to known sources show; `link` unless a page asks for placeholders. */
  embeds?: EmbedMode
  /** Opens the lead paragraph: "MOSCOW, RUSSIA — …". */
  dateline?: string
  /** Library pictures (`![…](media:ID)`) by id; without it they are left out. */
  images?: ImageResolver
  /** The `sizes` of body pictures, if not the story column's. */
  sizes?: string
}

/** Article Markdown → HTML safe to place in a page, the dateline (if any) opening the lead. */
export function renderMarkdown(source: string, options: RenderOptions = {}): string {
  return renderBody(source, options).html
}

/** A body rendered, with the embeds it shows (a page with any loads their script and frames). */
export function renderBody(
  source: string,
  options: RenderOptions = {},
): { html: string; embeds: Embed[] } {
  const found: Embed[] = []
  const env: Record<string, unknown> = {
    images: options.images,
    sizes: options.sizes,
    embeds: options.embeds ?? 'link',
    found,
  } satisfies RenderEnv
  const tokens = renderer.parse(source, env)
  const dateline = options.dateline ?? ''
  let prefix = ''
  if (dateline !== '') {
    // A picture or an embed may come first: the dateline still opens the first paragraph of text.
    const first = tokens.find((token) => token.type !== 'library_figure' && token.type !== 'embed')
    if (first?.type === 'paragraph_open') first.meta = { ...first.meta, dateline }
    else prefix = `<p><span class="dateline">${renderer.utils.escapeHtml(dateline)}</span></p>\n`
  }
  const html = prefix + renderer.renderer.render(tokens, renderer.options, env)
  return { html, embeds: found }
}

/** The images a body shows: library ids (each once, in order) and the sources of any others. */
export function imageReferences(source: string): { library: string[]; other: string[] } {
  // Every picture is written "![…": a body without one needs no parse (most archive text).
  if (!source.includes('![')) return { library: [], other: [] }
  const library = new Set<string>()
  const other: string[] = []
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      if (token.children) visit(token.children)
      // A picture alone in its paragraph is a figure by now (library_figures).
      const figure: unknown = token.type === 'library_figure' ? token.meta?.id : undefined
      if (typeof figure === 'string') library.add(figure)
      if (token.type !== 'image') continue
      const id = libraryId(token)
      if (id === undefined) other.push(String(token.attrGet('src') ?? ''))
      else library.add(id)
    }
  }
  visit(renderer.parse(source, {}))
  return { library: [...library], other }
}

export { markdownToTextBlocks, type TextBlock, type TextBlockKind } from './text-blocks.js'

/**
 * Plain text → Markdown that renders as exactly that text: every character
 * Markdown would read as syntax is backslash-escaped.
 */
export function escapeMarkdownText(text: string): string {
  let escaped = text.replace(/[\\`*_[\]<~#]/g, '\\$&').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&')
  // Syntax that only counts at the start of a line: quotes, lists, breaks, headings.
  escaped = escaped.replace(/^([>+\-=])/, '\\$1').replace(/^(\d{1,9})([.)])(?=\s|$)/, '$1\\$2')
  return escaped
}

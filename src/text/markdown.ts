import MarkdownIt, { type Token } from 'markdown-it'

/**
 * Article bodies are Markdown with raw HTML switched off, so nothing a writer
 * or an importer types becomes markup other than Markdown's own.
 */
const renderer = new MarkdownIt({ html: false, linkify: false, typographer: true })
// Smart quotes only: "(c)" → "©" and "--" → "–" would change the writer's words.
renderer.disable('replacements')

// The page's headline is its only h1: body headings start at h2.
renderer.core.ruler.push('demote_headings', (state) => {
  for (const token of state.tokens) {
    if ((token.type === 'heading_open' || token.type === 'heading_close') && token.tag === 'h1') {
      token.tag = 'h2'
    }
  }
})

// Pages never load anything from another host, so only same-site images are kept;
// any other image becomes its description.
const defaultImage = renderer.renderer.rules.image
renderer.renderer.rules.image = (tokens, index, options, env, self) => {
  const token = tokens[index]
  const src = String(token?.attrGet('src') ?? '')
  if (!token || !src.startsWith('/') || src.startsWith('//')) {
    return renderer.utils.escapeHtml(token?.content ?? '')
  }
  return defaultImage ? defaultImage(tokens, index, options, env, self) : ''
}

// The dateline opens the lead paragraph: "MOSCOW, RUSSIA — The president …".
renderer.renderer.rules.paragraph_open = (tokens, index, options, _env, self) => {
  const html = self.renderToken(tokens, index, options)
  const dateline: unknown = tokens[index]?.meta?.dateline
  if (typeof dateline !== 'string') return html
  return `${html}<span class="dateline">${renderer.utils.escapeHtml(dateline)}</span> — `
}

/** Article Markdown → HTML safe to place in a page, the dateline (if any) opening the lead. */
export function renderMarkdown(source: string, options: { dateline?: string } = {}): string {
  const env = {}
  const tokens = renderer.parse(source, env)
  const dateline = options.dateline ?? ''
  let prefix = ''
  if (dateline !== '') {
    const first = tokens[0]
    if (first?.type === 'paragraph_open') first.meta = { ...first.meta, dateline }
    else prefix = `<p><span class="dateline">${renderer.utils.escapeHtml(dateline)}</span></p>\n`
  }
  return prefix + renderer.renderer.render(tokens, renderer.options, env)
}

const reader = new MarkdownIt({ html: false, linkify: false, typographer: false })

export type TextBlockKind = 'paragraph' | 'heading' | 'quote' | 'item'

/** One block of an article body as plain text. */
export interface TextBlock {
  kind: TextBlockKind
  text: string
}

/** The blocks of a Markdown body as plain text, formatting dropped, for export and summaries. */
export function markdownToTextBlocks(source: string): TextBlock[] {
  const tokens = reader.parse(source, {})
  const blocks: TextBlock[] = []
  const containers: string[] = []
  let heading = false
  for (const token of tokens) {
    switch (token.type) {
      case 'blockquote_open':
      case 'list_item_open':
        containers.push(token.type)
        break
      case 'blockquote_close':
      case 'list_item_close':
        containers.pop()
        break
      case 'heading_open':
        heading = true
        break
      case 'heading_close':
        heading = false
        break
      case 'inline': {
        const text = inlineText(token.children ?? [])
        if (text === '') break
        const inside = containers.at(-1)
        const kind: TextBlockKind = heading
          ? 'heading'
          : inside === 'blockquote_open'
            ? 'quote'
            : inside === 'list_item_open'
              ? 'item'
              : 'paragraph'
        blocks.push({ kind, text })
        break
      }
      case 'fence':
      case 'code_block':
        for (const line of token.content.split('\n')) {
          if (line.trim() !== '') blocks.push({ kind: 'paragraph', text: line.trim() })
        }
        break
    }
  }
  return blocks
}

function inlineText(children: Token[]): string {
  let text = ''
  for (const child of children) {
    if (child.type === 'text' || child.type === 'code_inline') text += child.content
    else if (child.type === 'softbreak' || child.type === 'hardbreak') text += ' '
    else if (child.type === 'image') text += child.content
  }
  return text.replace(/\s+/g, ' ').trim()
}

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

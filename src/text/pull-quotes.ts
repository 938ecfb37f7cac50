import type { MarkdownIt, Token } from 'markdown-it'

/**
 * A pull quote is a block quote whose first line is the marker:
 *
 *     > [!pullquote]
 *     > The words pulled out of the story.
 *
 * The marker is plain Markdown elsewhere (a quoted line), so a body read by
 * anything else still shows a quotation. This rule turns such a quote into
 * `pull_quote_open`/`pull_quote_close` tokens, rendered as
 * `<blockquote class="pull-quote">`, and takes the marker out.
 */
export const PULL_QUOTE_MARKER = '[!pullquote]'

export function pullQuotes(md: MarkdownIt): void {
  md.core.ruler.after('block', 'pull_quotes', (state) => {
    const tokens = state.tokens
    for (let index = 0; index < tokens.length; index++) {
      const open = tokens[index]
      const inline = tokens[index + 2]
      if (open?.type !== 'blockquote_open' || tokens[index + 1]?.type !== 'paragraph_open') continue
      if (inline?.type !== 'inline' || !isMarked(inline.content)) continue
      const close = closingIndex(tokens, index)
      if (close === undefined) continue
      markAsPullQuote(open, tokens[close])
      const rest = inline.content.slice(PULL_QUOTE_MARKER.length).replace(/^[ \t]*\n?/, '')
      // The marker alone in its paragraph: the paragraph goes with it.
      if (rest === '') tokens.splice(index + 1, 3)
      else inline.content = rest
    }
  })
}

function isMarked(content: string): boolean {
  return (
    content.startsWith(PULL_QUOTE_MARKER) &&
    /^[ \t]*(\n|$)/.test(content.slice(PULL_QUOTE_MARKER.length))
  )
}

/** The blockquote_close that ends the quote opened at `index`. */
function closingIndex(tokens: readonly Token[], index: number): number | undefined {
  let depth = 0
  for (let at = index; at < tokens.length; at++) {
    const type = tokens[at]?.type
    if (type === 'blockquote_open') depth++
    else if (type === 'blockquote_close' && --depth === 0) return at
  }
  return undefined
}

function markAsPullQuote(open: Token, close: Token | undefined): void {
  open.type = 'pull_quote_open'
  open.attrJoin('class', 'pull-quote')
  if (close) close.type = 'pull_quote_close'
}

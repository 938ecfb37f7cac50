// An article body's blocks as plain text (markdownToTextBlocks), for export,
// summaries and the search index. Text with no Markdown in it, which is most
// archive text (paragraphs and subheadings), is read without a parse: the search index
// takes the text of every published body, so an import of thousands would
// otherwise parse each one. Anything that could be syntax goes to the parser
// (test/text/text-blocks.test.ts holds the two readings together).
import MarkdownIt, { type Token } from 'markdown-it'
import { pullQuotes } from './pull-quotes.js'

const reader = new MarkdownIt({ html: false, linkify: false, typographer: false })
reader.use(pullQuotes)

export type TextBlockKind = 'paragraph' | 'heading' | 'quote' | 'item'

/** One block of an article body as plain text. */
export interface TextBlock {
  kind: TextBlockKind
  text: string
}

/**
 * Characters that are Markdown syntax wherever they stand (emphasis, code,
 * links and pictures, HTML and autolinks, entities, escapes, strikethrough,
 * tables), and tabs, carriage returns and NUL, which the parser rewrites.
 */
// eslint-disable-next-line no-control-regex -- NUL is one of the characters the parser rewrites
const INLINE_SYNTAX = /[\\`*_[\]<>&~|\t\r\u0000]/
/**
 * What opens a block at the start of a line, headings aside: indentation
 * (code), quotes, lists, breaks and setext underlines.
 */
const BLOCK_START = /^(?:[ >+\-=]|\d{1,9}[.)])/m

/** A heading line the shortcut reads: one to six #s, a space, no # after (no closing sequence). */
const HEADING = /^#{1,6} [^#]*$/

type PlainBlock = { kind: 'paragraph' | 'heading'; text: string }

/**
 * The blocks of text with no Markdown in it but headings: its paragraphs,
 * split at empty lines and headings, white space run together, as the parser
 * would read them. Undefined when the text holds anything else the parser
 * could read as syntax.
 */
function plainTextBlocks(source: string): PlainBlock[] | undefined {
  if (INLINE_SYNTAX.test(source) || BLOCK_START.test(source)) return undefined
  const blocks: PlainBlock[] = []
  const add = (kind: PlainBlock['kind'], text: string) => {
    const plain = text.replace(/\s+/g, ' ').trim()
    if (plain !== '') blocks.push({ kind, text: plain })
  }
  let paragraph: string[] = []
  const close = () => {
    add('paragraph', paragraph.join(' '))
    paragraph = []
  }
  for (const line of source.split('\n')) {
    if (line === '') close()
    else if (!line.startsWith('#')) paragraph.push(line)
    else if (!HEADING.test(line)) return undefined
    else {
      close()
      add('heading', line.replace(/^#+/, ''))
    }
  }
  close()
  return blocks
}

/**
 * The blocks of a Markdown body as plain text, formatting dropped, for export,
 * summaries and the search index. Most archive text has no Markdown in it; it
 * is split into paragraphs without a parse (the search index takes every
 * published body, so an import of thousands pays for each parse).
 */
export function markdownToTextBlocks(source: string): TextBlock[] {
  return plainTextBlocks(source) ?? textBlocksByParse(source)
}

/** markdownToTextBlocks by a parse always (exported so a test can hold the shortcut to it). */
export function textBlocksByParse(source: string): TextBlock[] {
  const tokens = reader.parse(source, {})
  const blocks: TextBlock[] = []
  const containers: string[] = []
  let heading = false
  for (const token of tokens) {
    switch (token.type) {
      case 'pull_quote_open':
        containers.push('blockquote_open')
        break
      case 'blockquote_open':
      case 'list_item_open':
        containers.push(token.type)
        break
      case 'pull_quote_close':
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

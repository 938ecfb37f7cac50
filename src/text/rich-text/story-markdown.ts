import MarkdownIt, { type Token } from 'markdown-it'
import type { Node } from 'prosemirror-model'
import { MarkdownParser, MarkdownSerializer, MarkdownSerializerState } from 'prosemirror-markdown'
import { PULL_QUOTE_MARKER, pullQuotes } from '../pull-quotes.js'
import { storySchema } from './schema.js'

/**
 * Markdown ⇄ the editor's document. The stored body stays Markdown; the editor
 * reads it with the same markdown-it settings the site renders with (raw HTML
 * off, no typographer: smart quotes are the renderer's business, not the
 * body's), and writes back canonical Markdown, which reads back to the same
 * document (test/text/rich-text-round-trip.test.ts).
 */
const tokenizer = new MarkdownIt({ html: false, linkify: false, typographer: false })
tokenizer.use(pullQuotes)

const listIsTight = (tokens: readonly Token[], index: number): boolean => {
  for (let at = index + 1; at < tokens.length; at++) {
    if (tokens[at]?.type !== 'list_item_open') return tokens[at]?.hidden ?? false
  }
  return false
}

const parser = new MarkdownParser(storySchema, tokenizer, {
  blockquote: { block: 'blockquote' },
  pull_quote: { block: 'pull_quote' },
  paragraph: { block: 'paragraph' },
  list_item: { block: 'list_item' },
  bullet_list: {
    block: 'bullet_list',
    getAttrs: (_, tokens, i) => ({ tight: listIsTight(tokens, i) }),
  },
  ordered_list: {
    block: 'ordered_list',
    getAttrs: (token, tokens, i) => ({
      order: Number(token.attrGet('start') ?? 1),
      tight: listIsTight(tokens, i),
    }),
  },
  heading: { block: 'heading', getAttrs: (token) => ({ level: Number(token.tag.slice(1)) }) },
  hr: { node: 'horizontal_rule' },
  image: {
    node: 'image',
    getAttrs: (token) => ({
      src: token.attrGet('src'),
      title: token.attrGet('title') || null,
      alt: token.children?.map((child) => child.content).join('') ?? '',
    }),
  },
  hardbreak: { node: 'hard_break' },
  em: { mark: 'em' },
  strong: { mark: 'strong' },
  link: {
    mark: 'link',
    getAttrs: (token) => ({ href: token.attrGet('href'), title: token.attrGet('title') || null }),
  },
})

/** Token types the parser above knows: anything else in a body is Markdown the editor cannot hold. */
const KNOWN = new Set([
  ...Object.keys(parser.tokens).flatMap((name) => [name, `${name}_open`, `${name}_close`]),
  'inline',
  'text',
  'softbreak',
])

/** What the site renders but the editor does not offer, in the writer's words. */
const UNSUPPORTED_NAMES: Record<string, string> = {
  table_open: 'a table',
  code_inline: 'inline code',
  code_block: 'a code block',
  fence: 'a code block',
  s_open: 'struck-through text',
}

function unsupportedName(type: string): string | undefined {
  if (/^(table|thead|tbody|tr|th|td)_/.test(type)) return 'a table'
  return type.endsWith('_close')
    ? undefined
    : (UNSUPPORTED_NAMES[type] ?? type.replace(/_open$/, ''))
}

export type StoryParse = { ok: true; doc: Node } | { ok: false; unsupported: string[] }

/** Markdown → the editor's document, or the things in it the editor would lose. */
export function parseStoryMarkdown(markdown: string): StoryParse {
  const unsupported = new Set<string>()
  const visit = (tokens: readonly Token[]) => {
    for (const token of tokens) {
      const name = KNOWN.has(token.type) ? undefined : unsupportedName(token.type)
      if (name !== undefined) unsupported.add(name)
      if (token.children) visit(token.children)
    }
  }
  visit(tokenizer.parse(markdown, {}))
  if (unsupported.size > 0) return { ok: false, unsupported: [...unsupported] }
  return { ok: true, doc: parser.parse(markdown) }
}

/**
 * The Markdown as the editor would write it, or as it is when the editor cannot
 * hold it. A body stored in another form (an import, a paste into the textarea,
 * a story older than the editor) becomes this on its first edit in the editor,
 * so revisions are compared in this form: the change shown is the writer's.
 */
export function canonicalMarkdown(markdown: string): string {
  const parsed = parseStoryMarkdown(markdown)
  return parsed.ok ? serializeStory(parsed.doc) : markdown
}

// What plain text must escape beyond prosemirror-markdown's own: an entity
// (&amp;), an autolink (<https://…>), and, where a text begins, a list marker
// its rules let through: a lone "+" and "1." or "1)" with nothing after (each
// would be read back as an empty list item). Escaping such a marker where a
// text begins mid-line too is harmless: "\+" and "1\." read as written.
const EXTRA_ESCAPES =
  /&(?=#?[a-z0-9]+;)|<(?=[a-z][a-z0-9+.-]*:|[^\s<>@]+@)|^\+(?=\s|$)|(?<=^\d{1,9})[.)](?=\s|$)/gi

function quoteLike(state: MarkdownSerializerState, node: Node, marker: string | undefined): void {
  state.wrapBlock('> ', null, node, () => {
    if (marker !== undefined) {
      state.write(marker)
      state.ensureNewLine()
    }
    state.renderContent(node)
  })
}

/**
 * Markdown has no tight list whose items hold more than one block: such a list
 * is written loose, which is how it reads back.
 */
export function isTightList(list: Node): boolean {
  let single = true
  list.forEach((item) => {
    if (item.childCount > 1) single = false
  })
  return Boolean(list.attrs.tight) && single
}

/**
 * Two lists of one kind side by side are one list to Markdown, whatever blank
 * lines part them; a list with another marker is a new list. So each list
 * right after one of its kind takes the other marker: - then *, 1. then 1).
 */
function followsListOfItsKind(list: Node, parent: Node, index: number): boolean {
  if (!/_list$/.test(list.type.name)) return false
  let run = 0
  for (let at = index - 1; at >= 0 && parent.child(at).type === list.type; at--) run++
  return run % 2 === 1
}

function withTightness(list: Node): Node {
  const tight = isTightList(list)
  return tight === list.attrs.tight
    ? list
    : list.type.create({ ...list.attrs, tight }, list.content)
}

const serializer = new MarkdownSerializer(
  {
    blockquote: (state, node) => quoteLike(state, node, undefined),
    pull_quote: (state, node) => quoteLike(state, node, PULL_QUOTE_MARKER),
    heading: (state, node) => {
      state.write(`${'#'.repeat(Number(node.attrs.level))} `)
      // The state's output so far: prosemirror-markdown keeps it in `out`, missing from its typings.
      const written = state as unknown as { out: string }
      const start = written.out.length
      state.renderInline(node, false)
      // A heading's text that ends in #s after a space (or is only #s) would be read back as
      // the optional closing sequence, and dropped: the first # of that run is escaped.
      const closing = /(?:^| )(#+)$/.exec(written.out.slice(start))
      if (closing?.[1]) {
        const run = closing[1]
        written.out = `${written.out.slice(0, written.out.length - run.length)}\\${run}`
      }
      state.closeBlock(node)
    },
    horizontal_rule: (state, node) => {
      state.write('---')
      state.closeBlock(node)
    },
    bullet_list: (state, node, parent, index) => {
      const marker = followsListOfItsKind(node, parent, index) ? '* ' : '- '
      state.renderList(withTightness(node), '  ', () => marker)
    },
    ordered_list: (state, list, parent, index) => {
      const node = withTightness(list)
      const delimiter = followsListOfItsKind(list, parent, index) ? ') ' : '. '
      const start = Number(node.attrs.order)
      const width = String(start + node.childCount - 1).length
      state.renderList(node, ' '.repeat(width + 2), (index) => {
        const number = String(start + index)
        return `${' '.repeat(width - number.length)}${number}${delimiter}`
      })
    },
    list_item: (state, node) => state.renderContent(node),
    paragraph: (state, node) => {
      state.renderInline(node)
      state.closeBlock(node)
    },
    image: (state, node) => {
      const src = String(node.attrs.src).replace(/[()\s]/g, encodeURIComponent)
      const title = node.attrs.title ? ` "${String(node.attrs.title).replace(/"/g, '\\"')}"` : ''
      state.write(`![${state.esc(String(node.attrs.alt ?? ''))}](${src}${title})`)
    },
    hard_break: (state, node, parent, index) => {
      for (let at = index + 1; at < parent.childCount; at++) {
        if (parent.child(at).type !== node.type) {
          state.write('\\\n')
          return
        }
      }
    },
    text: (state, node) => state.text(node.text ?? ''),
  },
  {
    em: { open: '*', close: '*', mixable: true, expelEnclosingWhitespace: true },
    strong: { open: '**', close: '**', mixable: true, expelEnclosingWhitespace: true },
    link: {
      open: '[',
      close: (_state, mark) => {
        const href = String(mark.attrs.href).replace(/[()\s<>]/g, encodeURIComponent)
        const title = mark.attrs.title ? ` "${String(mark.attrs.title).replace(/"/g, '\\"')}"` : ''
        return `](${href}${title})`
      },
      mixable: false,
    },
  },
  { escapeExtraCharacters: EXTRA_ESCAPES },
)

/** The whole document in one pass: what serializeStory must always equal (the tests compare them). */
export function serializeStoryAtOnce(doc: Node): string {
  return serializer.serialize(doc, { tightLists: true })
}

// serialize() makes one of these per document; prosemirror-markdown's types mark the
// constructor and `out` internal, so they are named here once, for blockMarkdown.
type SerializerState = MarkdownSerializerState & { out: string }
const State = MarkdownSerializerState as unknown as new (
  nodes: MarkdownSerializer['nodes'],
  marks: MarkdownSerializer['marks'],
  options: MarkdownSerializer['options'],
) => SerializerState
const OPTIONS = { ...serializer.options, tightLists: true }

/**
 * Each top-level block's Markdown, for as long as the block is unchanged (the
 * editor's nodes are immutable, so an unchanged block is the same object). The
 * editor writes the story back while the writer types: on a long story, one
 * pass over the whole document builds one huge string, piece by piece, and
 * costs tens of milliseconds; this costs the changed block and a join.
 */
const blocks = new WeakMap<Node, { alternate: boolean; markdown: string }>()

function blockMarkdown(block: Node, doc: Node, index: number): string {
  const alternate = followsListOfItsKind(block, doc, index)
  const known = blocks.get(block)
  if (known?.alternate === alternate) return known.markdown
  const state = new State(serializer.nodes, serializer.marks, OPTIONS)
  state.render(block, doc, index)
  blocks.set(block, { alternate, markdown: state.out })
  return state.out
}

/** The editor's document → the body's Markdown, ending without a trailing newline. */
export function serializeStory(doc: Node): string {
  const parts: string[] = []
  doc.forEach((block, _offset, index) => {
    if (index > 0) {
      // As one pass writes it: a blank line between blocks, two between lists of one kind.
      const listAfterList =
        block.type === doc.child(index - 1).type && /_list$/.test(block.type.name)
      parts.push(listAfterList ? '\n\n\n' : '\n\n')
    }
    parts.push(blockMarkdown(block, doc, index))
  })
  return parts.join('')
}

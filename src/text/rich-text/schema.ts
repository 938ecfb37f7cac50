import {
  Schema,
  type DOMOutputSpec,
  type Mark,
  type Node,
  type TagParseRule,
} from 'prosemirror-model'
import { checkLinkUrl } from './link-url.js'

/**
 * What a story can hold, as a ProseMirror schema: exactly the Markdown the
 * site renders and the editor offers. Anything pasted that has no place here
 * is dropped by ProseMirror's schema-based parse, so the rules below (the
 * `parseDOM` entries) decide what survives a paste from Word or Google Docs.
 * It is data only: no DOM is touched until a browser uses it.
 */

/** Headings in a body start at ## (the page's headline is its h1): pasted h1 becomes ##, h4–h6 ###. */
const HEADING_RULES: TagParseRule[] = [1, 2, 3, 4, 5, 6].map((level) => ({
  tag: `h${level}`,
  attrs: { level: Math.min(3, Math.max(2, level)) },
}))

const textOrNull = (value: unknown): string | null => (typeof value === 'string' ? value : null)

/** A library picture shows in the editor as a labelled chip: its media:ID is no address a browser can load. */
function imageDom(node: Node): DOMOutputSpec {
  const src = String(node.attrs.src)
  const alt = String(node.attrs.alt ?? '')
  return [
    'span',
    {
      class: 'editor-picture',
      'data-src': src,
      'data-alt': alt,
      title: textOrNull(node.attrs.title),
    },
    `Picture: ${alt === '' ? '(no description)' : alt} · ${src}`,
  ]
}

function linkDom(mark: Mark): DOMOutputSpec {
  const attrs = { href: String(mark.attrs.href), title: textOrNull(mark.attrs.title) }
  return ['a', { ...attrs, rel: 'noopener noreferrer' }, 0]
}

export const storySchema = new Schema({
  nodes: {
    doc: { content: 'block+' },
    paragraph: {
      content: 'inline*',
      group: 'block',
      parseDOM: [{ tag: 'p' }],
      toDOM: () => ['p', 0],
    },
    heading: {
      attrs: { level: { default: 2 } },
      // A Markdown heading is one line: no line breaks in it.
      content: '(text | image)*',
      group: 'block',
      defining: true,
      parseDOM: HEADING_RULES,
      toDOM: (node) => [`h${Number(node.attrs.level)}`, 0],
    },
    blockquote: {
      content: 'block+',
      group: 'block',
      defining: true,
      parseDOM: [{ tag: 'blockquote' }],
      toDOM: () => ['blockquote', 0],
    },
    pull_quote: {
      content: 'paragraph+',
      group: 'block',
      defining: true,
      parseDOM: [{ tag: 'blockquote.pull-quote', priority: 60 }],
      toDOM: () => ['blockquote', { class: 'pull-quote' }, 0],
    },
    horizontal_rule: { group: 'block', parseDOM: [{ tag: 'hr' }], toDOM: () => ['hr'] },
    bullet_list: {
      attrs: { tight: { default: true } },
      content: 'list_item+',
      group: 'block',
      parseDOM: [{ tag: 'ul' }],
      toDOM: () => ['ul', 0],
    },
    ordered_list: {
      attrs: { order: { default: 1 }, tight: { default: true } },
      content: 'list_item+',
      group: 'block',
      parseDOM: [
        {
          tag: 'ol',
          getAttrs: (dom) => ({ order: Math.max(0, Number(dom.getAttribute('start') ?? 1) || 1) }),
        },
      ],
      toDOM: (node) => {
        const order = Number(node.attrs.order)
        return ['ol', { start: order === 1 ? null : String(order) }, 0]
      },
    },
    list_item: {
      content: 'paragraph block*',
      defining: true,
      parseDOM: [{ tag: 'li' }],
      toDOM: () => ['li', 0],
    },
    text: { group: 'inline' },
    image: {
      inline: true,
      group: 'inline',
      draggable: true,
      attrs: { src: {}, alt: { default: '' }, title: { default: null } },
      // Only the editor's own chips come back in: a pasted <img> is another site's picture.
      parseDOM: [
        {
          tag: 'span.editor-picture[data-src]',
          getAttrs: (dom) => ({
            src: dom.getAttribute('data-src'),
            alt: dom.getAttribute('data-alt') ?? '',
            title: dom.getAttribute('title'),
          }),
        },
      ],
      toDOM: imageDom,
    },
    hard_break: {
      inline: true,
      group: 'inline',
      selectable: false,
      parseDOM: [{ tag: 'br' }],
      toDOM: () => ['br'],
    },
  },
  marks: {
    link: {
      attrs: { href: {}, title: { default: null } },
      inclusive: false,
      parseDOM: [
        {
          tag: 'a[href]',
          // A pasted link keeps its text; it stays a link only if it goes to the web or an inbox.
          getAttrs: (dom) => {
            const checked = checkLinkUrl(dom.getAttribute('href') ?? '')
            return checked.ok ? { href: checked.href, title: dom.getAttribute('title') } : false
          },
        },
      ],
      toDOM: linkDom,
    },
    em: {
      parseDOM: [{ tag: 'i' }, { tag: 'em' }],
      toDOM: () => ['em', 0],
    },
    strong: {
      parseDOM: [
        { tag: 'strong' },
        // Styles never reach this parse: the editor's paste cleaning turns them into <strong> and <em>.
        { tag: 'b' },
      ],
      toDOM: () => ['strong', 0],
    },
  },
})

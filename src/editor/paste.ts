// Paste from Word, Google Docs or a web page, cleaned to what a story holds.
// The schema's parse rules decide what survives; before them, this takes out
// what must never be read at all (scripts, styles, frames, event attributes)
// and turns each picture from elsewhere into a warning instead of a silent loss.
import { Fragment, Slice } from 'prosemirror-model'
import type { EditorView } from 'prosemirror-view'
import { storySchema as schema } from '../text/rich-text/schema.js'

/** Word's HTML is about ten times its text: past this, the paste is read as plain text. */
export const LARGEST_HTML_PASTE = 1_000_000

const NEVER_READ = [
  'script',
  'style',
  'iframe',
  'frame',
  'frameset',
  'object',
  'embed',
  'applet',
  'link',
  'meta',
  'base',
  'noscript',
  'template',
  'svg',
  'math',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'video',
  'audio',
  'canvas',
  'title',
  'head',
].join(',')

/** Where a pasted element's style attribute is kept, as text, until it is read. */
const PASTED_STYLE = 'data-pasted-style'

export interface CleanPaste {
  html: string
  /** Pictures left out: their addresses, for the warning. */
  pictures: string[]
}

/** Pasted HTML → HTML holding nothing that runs or loads, with Word's lists as lists. */
export function cleanPastedHtml(html: string): CleanPaste {
  // DOMParser makes an inert document: nothing in it loads or runs. It does
  // share the page's CSP, which would report every style and <base> it met, so
  // those go first and style attributes are renamed, to be read as text.
  const defused = html
    .replace(/<style\b[\s\S]*?(<\/style\s*>|$)/gi, '')
    .replace(/<(base|meta|link)\b[^>]*>/gi, '')
    .replace(/(<[a-z][^>]*?\s)style(\s*=)/gi, `$1${PASTED_STYLE}$2`)
  const doc = new DOMParser().parseFromString(defused, 'text/html')
  for (const node of doc.querySelectorAll(NEVER_READ)) node.remove()
  const pictures: string[] = []
  for (const image of doc.querySelectorAll('img, picture, image')) {
    const src = image.getAttribute('src')
    if (src) pictures.push(src.startsWith('data:') ? 'an embedded picture' : src)
    image.remove()
  }
  for (const node of doc.body.querySelectorAll('*')) {
    for (const attribute of [...node.attributes]) {
      if (
        /^on/i.test(attribute.name) ||
        /^(srcset|action|formaction|xlink:href)$/i.test(attribute.name)
      ) {
        node.removeAttribute(attribute.name)
      }
    }
  }
  wordListsToLists(doc)
  stylesToElements(doc)
  return { html: doc.body.innerHTML, pictures }
}

/**
 * Word and Google Docs say bold and italic with styles. The newsroom's CSP
 * refuses style attributes (rightly), so they are read here from the attribute's
 * text, turned into <strong> and <em>, and taken out before ProseMirror sees them.
 */
function stylesToElements(doc: Document): void {
  for (const node of [...doc.body.querySelectorAll(`[${PASTED_STYLE}]`)]) {
    const style = (node.getAttribute(PASTED_STYLE) ?? '').toLowerCase()
    node.removeAttribute(PASTED_STYLE)
    const weight = /font-weight\s*:\s*([a-z0-9]+)/.exec(style)?.[1]
    const bold = weight !== undefined && (/^bold/.test(weight) || Number(weight) >= 600)
    const italic = /font-style\s*:\s*italic/.test(style)
    // Google Docs wraps a whole paste in <b style="font-weight:normal">: no bold at all.
    if (node.tagName === 'B' && weight !== undefined && !bold) {
      node.replaceWith(...node.childNodes)
      continue
    }
    if (bold) wrapChildren(doc, node, 'strong')
    if (italic) wrapChildren(doc, node, 'em')
  }
}

function wrapChildren(doc: Document, node: Element, tag: 'strong' | 'em'): void {
  const wrapper = doc.createElement(tag)
  wrapper.append(...node.childNodes)
  node.append(wrapper)
}

/**
 * Word writes a list as paragraphs (class MsoListParagraph…) each starting with
 * its bullet or number in a span styled mso-list:Ignore. They become <ul>/<ol>.
 */
function wordListsToLists(doc: Document): void {
  const items = [
    ...doc.querySelectorAll(`p[class*="MsoListParagraph"], p[${PASTED_STYLE}*="mso-list"]`),
  ]
  let list: HTMLElement | undefined
  let previous: Element | undefined
  for (const paragraph of items) {
    const marker = paragraph.querySelector(`[${PASTED_STYLE}*="mso-list:Ignore" i]`)
    const numbered = /^\s*\(?\w{1,3}[.)]/.test(marker?.textContent ?? '')
    marker?.remove()
    if (!list || previous?.nextElementSibling !== paragraph) {
      list = doc.createElement(numbered ? 'ol' : 'ul')
      paragraph.before(list)
    }
    const item = doc.createElement('li')
    item.append(...paragraph.childNodes)
    list.append(item)
    paragraph.remove()
    previous = list
  }
}

/** Plain text as paragraphs (a blank line between them), for pastes too large to read as HTML. */
export function plainTextSlice(text: string): Slice {
  const paragraphs = text
    .split(/\r?\n\s*\r?\n/)
    .map((part) => part.replace(/\s+/g, ' ').trim())
    .filter((part) => part !== '')
    .map((part) => schema.nodes.paragraph.create(null, schema.text(part)))
  return new Slice(Fragment.from(paragraphs), 1, 1)
}

/** Handles a paste too large for the story or for reading as HTML; false leaves it to ProseMirror. */
export function guardLargePaste(
  view: EditorView,
  data: DataTransfer,
  room: number,
  say: (message: string) => void,
): boolean {
  const html = data.getData('text/html')
  const text = data.getData('text/plain')
  if (text.length > room) {
    say(
      `Nothing was pasted: the text is ${text.length.toLocaleString('en')} characters, and the story has room for ${Math.max(0, room).toLocaleString('en')} more.`,
    )
    return true
  }
  if (html.length <= LARGEST_HTML_PASTE) return false
  view.dispatch(view.state.tr.replaceSelection(plainTextSlice(text)).scrollIntoView())
  say('That paste was very large, so it came in as plain text: check its formatting.')
  return true
}

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

export interface CleanPaste {
  html: string
  /** Pictures left out: their addresses, for the warning. */
  pictures: string[]
}

/** Pasted HTML → HTML holding nothing that runs or loads, with Word's lists as lists. */
export function cleanPastedHtml(html: string): CleanPaste {
  // DOMParser makes an inert document: nothing in it loads or runs.
  const doc = new DOMParser().parseFromString(html, 'text/html')
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
  return { html: doc.body.innerHTML, pictures }
}

/**
 * Word writes a list as paragraphs (class MsoListParagraph…) each starting with
 * its bullet or number in a span styled mso-list:Ignore. They become <ul>/<ol>.
 */
function wordListsToLists(doc: Document): void {
  const items = [...doc.querySelectorAll('p[class*="MsoListParagraph"], p[style*="mso-list"]')]
  let list: HTMLElement | undefined
  let previous: Element | undefined
  for (const paragraph of items) {
    const marker = paragraph.querySelector(
      '[style*="mso-list:Ignore"], [style*="mso-list: Ignore"]',
    )
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

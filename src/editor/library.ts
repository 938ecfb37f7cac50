// The media library as the editor uses it: the same JSON answers the lead
// image chooser gets (GET /admin/media?q=…), and the same upload (POST
// /admin/media) that a drop on the textarea makes without this editor.
import { TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { storySchema as schema } from '../text/rich-text/schema.js'
import type { Thumbnail, Thumbnails } from './picture-view.js'

export interface LibraryItem {
  id: string
  fileName: string
  alt: string
  decorative: boolean
  caption: string
  thumbnail?: Thumbnail
}

function itemsOf(answer: unknown): LibraryItem[] {
  const items = (answer as { items?: unknown } | null)?.items
  return Array.isArray(items) ? (items as LibraryItem[]) : []
}

export async function searchLibrary(query: string): Promise<LibraryItem[]> {
  // for=story: images used only as authors' photos are no story's pictures.
  const response = await fetch(`/admin/media?for=story&q=${encodeURIComponent(query.trim())}`, {
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  })
  if (!response.ok) throw new Error('The library could not be searched just now.')
  return itemsOf(await response.json())
}

export async function uploadToLibrary(
  csrf: string,
  files: readonly File[],
): Promise<LibraryItem[]> {
  const form = new FormData()
  form.append('_csrf', csrf)
  for (const file of files) form.append('files', file)
  const response = await fetch('/admin/media', {
    method: 'POST',
    body: form,
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  })
  const answer = (await response.json().catch(() => ({}))) as {
    error?: { message: string }
    refused?: { fileName: string; message: string }[]
  }
  if (answer.error) throw new Error(answer.error.message)
  const refused = (answer.refused ?? []).map((file) => `${file.fileName}: ${file.message}`)
  if (refused.length > 0) throw new Error(refused.join(' '))
  const items = itemsOf(answer)
  if (!response.ok || items.length === 0) throw new Error('The upload did not go through.')
  return items
}

/** Library pictures in at `pos` (or the selection), each in its own paragraph: a figure on the page. */
export function insertPictures(
  view: EditorView,
  items: readonly LibraryItem[],
  thumbnails: Thumbnails,
  pos?: number,
): void {
  for (const item of items) thumbnails.remember(item.id, item.thumbnail)
  const paragraphs = items.map((item) =>
    schema.nodes.paragraph.create(null, [
      schema.nodes.image.create({
        src: `media:${item.id}`,
        alt: (item.alt || item.fileName).replace(/[[\]]/g, ''),
      }),
    ]),
  )
  const tr = view.state.tr
  const at = pos ?? tr.selection.from
  const $at = tr.doc.resolve(at)
  // Between blocks: after the block the caret (or drop) is in, at the top level.
  let after = $at.depth > 0 ? $at.after(1) : at
  if ($at.depth === 1 && $at.parent.isTextblock && $at.parent.content.size === 0) {
    // An empty paragraph at the caret: the pictures take its place.
    after = $at.before(1)
    tr.replaceWith(after, $at.after(1), paragraphs)
  } else {
    tr.insert(after, paragraphs)
  }
  const end = after + paragraphs.reduce((size, node) => size + node.nodeSize, 0)
  // The writer carries on after the pictures, in the paragraph there or a new one.
  if (end === tr.doc.content.size || !tr.doc.resolve(end).nodeAfter?.isTextblock) {
    tr.insert(end, schema.nodes.paragraph.create())
  }
  tr.setSelection(TextSelection.create(tr.doc, end + 1))
  view.dispatch(tr.scrollIntoView())
}

export function missingAltText(items: readonly LibraryItem[]): boolean {
  return items.some((item) => !item.alt && !item.decorative)
}

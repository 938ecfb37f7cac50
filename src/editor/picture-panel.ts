// "Picture": find a photo in the media library and put it in the story as
// ![description](media:ID), the form the site shows as a figure.
import type { EditorView } from 'prosemirror-view'
import { element, onEnter } from './dom.js'
import type { Panel } from './link-panel.js'
import { insertPictures, missingAltText, searchLibrary, type LibraryItem } from './library.js'
import type { Thumbnails } from './picture-view.js'

export function createPicturePanel(say: (message: string) => void, thumbnails: Thumbnails): Panel {
  const input = element('input', { id: 'rich-picture-query', type: 'search', autocomplete: 'off' })
  const search = element('button', { type: 'button' }, 'Search')
  const cancel = element('button', { type: 'button', class: 'secondary' }, 'Close')
  const status = element('p', { class: 'rich-panel-message', role: 'status' })
  const results = element('ul', { class: 'rich-picture-results', 'aria-label': 'Pictures found' })
  const dom = element(
    'div',
    { class: 'rich-panel', role: 'group', 'aria-label': 'Picture from the library', hidden: true },
    element('label', { for: 'rich-picture-query' }, 'Find a picture in the library'),
    input,
    search,
    cancel,
    status,
    results,
  )
  let view: EditorView | undefined

  const close = () => {
    dom.hidden = true
    view?.focus()
  }

  const choose = (item: LibraryItem) => {
    if (!view) return
    insertPictures(view, [item], thumbnails)
    say(
      missingAltText([item])
        ? `Picture added: ${item.fileName}. Give it alt text in the library before this goes out.`
        : `Picture added: ${item.fileName}.`,
    )
    close()
  }

  const find = async () => {
    status.textContent = 'Searching…'
    results.replaceChildren()
    try {
      const items = await searchLibrary(input.value)
      status.textContent = items.length === 0 ? 'No pictures found.' : `${items.length} found.`
      for (const item of items) {
        const words = [item.fileName, item.alt || item.caption].filter(Boolean).join(' · ')
        const button = element('button', { type: 'button', class: 'secondary' }, `Insert ${words}`)
        button.addEventListener('click', () => choose(item))
        results.append(element('li', {}, button))
      }
      results.querySelector('button')?.focus()
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error)
    }
  }

  onEnter(input, () => void find())
  search.addEventListener('click', () => void find())
  cancel.addEventListener('click', close)
  dom.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape') return
    event.preventDefault()
    close()
  })

  return {
    dom,
    open(target) {
      view = target
      dom.hidden = false
      input.focus()
    },
  }
}

// Mounts the rich-text editor over the body's textarea. The textarea stays the
// form field: every change is written back into it as Markdown (and an input
// event tells autosave, the preview and the unsaved-changes check), so a save
// sends exactly what it sent before. Without this script the textarea is the editor.
import { baseKeymap } from 'prosemirror-commands'
import { history } from 'prosemirror-history'
import { keymap } from 'prosemirror-keymap'
import type { Node } from 'prosemirror-model'
import { EditorState } from 'prosemirror-state'
import { EditorView } from 'prosemirror-view'
import { bodyWarnings } from '../text/rich-text/body-warnings.js'
import { parseStoryMarkdown, serializeStory } from '../text/rich-text/story-markdown.js'
import { storyInputRules, storyKeys } from './commands.js'
import { csrfOf, element } from './dom.js'
import { insertPictures, missingAltText, uploadToLibrary } from './library.js'
import { createLinkPanel } from './link-panel.js'
import { cleanPastedHtml, guardLargePaste } from './paste.js'
import { createPicturePanel } from './picture-panel.js'
import { pictureView, Thumbnails } from './picture-view.js'
import { createToolbar } from './toolbar.js'
import { toolGroups } from './tools.js'

/**
 * Writing back serialises the whole story and looks it over for warnings: tens
 * of milliseconds on a long one, which typing must not wait for. So it waits
 * for a pause in the typing, or for LONGEST_MS of unbroken typing
 * (bench/typing.ts measures the difference).
 */
const QUIET_MS = 300
const LONGEST_MS = 2000

export function mountEditor(textarea: HTMLTextAreaElement, form: HTMLFormElement): void {
  const parsed = parseStoryMarkdown(textarea.value)
  const notice = element('p', { class: 'rich-notice', role: 'status', 'aria-live': 'polite' })
  const warnings = element('ul', {
    class: 'rich-warnings',
    id: 'body-warnings',
    'aria-live': 'polite',
  })
  if (!parsed.ok) {
    notice.textContent = `This story has ${parsed.unsupported.join(', ')}, which the rich-text editor cannot show without losing, so it stays in Markdown here.`
    textarea.after(notice)
    return
  }
  const say = (message: string) => (notice.textContent = message)
  const host = element('div', { class: 'rich-editor-host' })
  const linkPanel = createLinkPanel()
  const thumbnails = new Thumbnails()
  const picturePanel = createPicturePanel(say, thumbnails)
  const toolbar = createToolbar(
    toolGroups({
      openLink: () => linkPanel.open(view),
      openPicture: () => picturePanel.open(view),
    }),
    () => view,
    'body-editor',
  )
  const modeButton = element(
    'button',
    { type: 'button', class: 'secondary rich-mode', 'aria-pressed': 'false' },
    'Edit as Markdown',
  )
  const wrapper = element(
    'div',
    { class: 'rich-editor' },
    toolbar.dom,
    linkPanel.dom,
    picturePanel.dom,
    host,
    notice,
    warnings,
  )
  textarea.before(modeButton)
  textarea.after(wrapper)
  textarea.hidden = true
  // The page's own list was worked out when it was sent; the editor's follows the text.
  form.querySelector('[data-server-warnings]')?.remove()

  let written = textarea.value
  let timer: ReturnType<typeof setTimeout> | undefined
  let warningsTimer: ReturnType<typeof setTimeout> | undefined
  let pendingSince: number | undefined
  const writeBack = () => {
    clearTimeout(timer)
    pendingSince = undefined
    const markdown = serializeStory(view.state.doc)
    if (markdown === written) return
    // Looking the whole story over is slower than writing it: only once the typing stops.
    clearTimeout(warningsTimer)
    warningsTimer = setTimeout(() => showWarnings(markdown), QUIET_MS)
    written = markdown
    textarea.value = markdown
    textarea.dispatchEvent(new Event('input', { bubbles: true }))
  }
  const showWarnings = (markdown: string) =>
    warnings.replaceChildren(...bodyWarnings(markdown).map((text) => element('li', {}, text)))

  const room = () => (textarea.maxLength > 0 ? textarea.maxLength : Infinity) - written.length
  const upload = async (files: File[], pos?: number) => {
    say('Uploading the photo…')
    try {
      const items = await uploadToLibrary(csrfOf(form), files)
      insertPictures(view, items, thumbnails, pos)
      say(
        missingAltText(items)
          ? 'Photo added. Give it alt text in the library before this goes out.'
          : 'Photo added.',
      )
    } catch (error) {
      say(error instanceof Error ? error.message : String(error))
    }
  }
  const imagesIn = (data: DataTransfer | null) =>
    [...(data?.files ?? [])].filter((file) => file.type.startsWith('image/'))

  const view: EditorView = new EditorView(host, {
    state: stateFor(parsed.doc),
    nodeViews: { image: pictureView(thumbnails) },
    attributes: {
      id: 'body-editor',
      class: 'rich-editor-body',
      role: 'textbox',
      'aria-multiline': 'true',
      'aria-label': 'Body',
      'aria-describedby': [textarea.getAttribute('aria-describedby'), 'body-warnings']
        .filter(Boolean)
        .join(' '),
    },
    dispatchTransaction(tr) {
      view.updateState(view.state.apply(tr))
      toolbar.update(view.state)
      if (!tr.docChanged) return
      // The transaction's own time stamp: the editor reads no clock of its own.
      const now = tr.time
      pendingSince ??= now
      clearTimeout(timer)
      clearTimeout(warningsTimer)
      timer = setTimeout(writeBack, Math.min(QUIET_MS, LONGEST_MS - (now - pendingSince)))
    },
    transformPastedHTML(html) {
      const cleaned = cleanPastedHtml(html)
      if (cleaned.pictures.length > 0) {
        say(
          `${cleaned.pictures.length === 1 ? 'A picture' : `${cleaned.pictures.length} pictures`} from elsewhere left out (${cleaned.pictures.slice(0, 3).join(', ')}): upload ${cleaned.pictures.length === 1 ? 'it' : 'them'} to the library and use Picture to add ${cleaned.pictures.length === 1 ? 'it' : 'them'}.`,
        )
      }
      return cleaned.html
    },
    handlePaste(target, event) {
      const files = imagesIn(event.clipboardData)
      if (files.length > 0) {
        event.preventDefault()
        void upload(files)
        return true
      }
      return event.clipboardData ? guardLargePaste(target, event.clipboardData, room(), say) : false
    },
    handleDrop(target, event) {
      const files = imagesIn(event.dataTransfer)
      if (files.length === 0) return false
      event.preventDefault()
      const pos = target.posAtCoords({ left: event.clientX, top: event.clientY })?.pos
      void upload(files, pos)
      return true
    },
  })
  toolbar.update(view.state)
  showWarnings(written)

  // The form is sent with the Markdown of what is on screen, never a write-back behind;
  // and the unsaved-changes check (assets/admin.js, a later listener) sees it too.
  form.addEventListener('submit', writeBack, { capture: true })
  window.addEventListener('beforeunload', writeBack, { capture: true })
  window.addEventListener('pagehide', writeBack)

  modeButton.addEventListener('click', () => {
    const toMarkdown = textarea.hidden
    if (toMarkdown) {
      writeBack()
    } else {
      const again = parseStoryMarkdown(textarea.value)
      if (!again.ok) {
        say(
          `The Markdown has ${again.unsupported.join(', ')}, which the rich-text editor cannot show: it stays in Markdown.`,
        )
        return
      }
      written = textarea.value
      showWarnings(written)
      view.updateState(stateFor(again.doc))
      toolbar.update(view.state)
    }
    textarea.hidden = !toMarkdown
    wrapper.hidden = toMarkdown
    modeButton.setAttribute('aria-pressed', String(toMarkdown))
    ;(toMarkdown ? textarea : view).focus()
  })

  function stateFor(doc: Node): EditorState {
    return EditorState.create({
      doc,
      plugins: [
        storyInputRules(),
        keymap(
          storyKeys(
            () => {
              linkPanel.open(view)
              return true
            },
            () => {
              toolbar.focus()
              return true
            },
          ),
        ),
        keymap(baseKeymap),
        history(),
      ],
    })
  }
}

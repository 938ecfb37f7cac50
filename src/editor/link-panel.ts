// The link panel (Ctrl+K): the address is checked before it becomes a link;
// anything but the web or an email address is refused with the reason shown.
import { TextSelection } from 'prosemirror-state'
import type { EditorView } from 'prosemirror-view'
import { checkLinkUrl } from '../text/rich-text/link-url.js'
import { storySchema as schema } from '../text/rich-text/schema.js'
import { element, onEnter } from './dom.js'
import { panelShell, type Panel } from './panel.js'

/** The link around the caret, as a range, if there is one. */
function linkAround(view: EditorView): { from: number; to: number; href: string } | undefined {
  const { $from, from, to, empty } = view.state.selection
  const type = schema.marks.link
  const mark =
    type.isInSet($from.marks()) ?? (empty ? undefined : type.isInSet($from.nodeAfter?.marks ?? []))
  if (!mark) return undefined
  if (!empty) return { from, to, href: String(mark.attrs.href) }
  // Walk out from the caret over the text carrying this very link.
  const parent = $from.parent
  const start = $from.start()
  let begin = $from.parentOffset
  let end = $from.parentOffset
  parent.forEach((child, offset) => {
    if (!mark.isInSet(child.marks)) return
    if (offset <= $from.parentOffset && offset + child.nodeSize >= $from.parentOffset) {
      begin = Math.min(begin, offset)
      end = Math.max(end, offset + child.nodeSize)
    }
  })
  return { from: start + begin, to: start + end, href: String(mark.attrs.href) }
}

export function createLinkPanel(): Panel {
  const input = element('input', {
    id: 'rich-link-url',
    type: 'text',
    inputmode: 'url',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'rich-link-message',
  })
  const message = element('p', {
    id: 'rich-link-message',
    class: 'rich-panel-message',
    role: 'alert',
  })
  const apply = element('button', { type: 'button' }, 'Apply link')
  const remove = element('button', { type: 'button', class: 'secondary' }, 'Remove link')
  const cancel = element('button', { type: 'button', class: 'secondary' }, 'Cancel')
  const shell = panelShell(
    'Link',
    [
      element('label', { for: 'rich-link-url' }, 'Link address'),
      input,
      apply,
      remove,
      cancel,
      message,
    ],
    () => (message.textContent = ''),
  )
  const close = () => shell.close()

  const applyLink = () => {
    const view = shell.view
    if (!view) return
    const checked = checkLinkUrl(input.value)
    if (!checked.ok) {
      message.textContent = checked.message
      input.setAttribute('aria-invalid', 'true')
      input.focus()
      return
    }
    input.removeAttribute('aria-invalid')
    const mark = schema.marks.link.create({ href: checked.href })
    const existing = linkAround(view)
    const { from, to, empty } = view.state.selection
    const tr = view.state.tr
    if (existing) {
      tr.removeMark(existing.from, existing.to, schema.marks.link).addMark(
        existing.from,
        existing.to,
        mark,
      )
    } else if (empty) {
      // No text chosen: the address itself becomes the link's words.
      tr.insert(from, schema.text(checked.href, [mark]))
      tr.setSelection(TextSelection.create(tr.doc, from + checked.href.length))
      tr.removeStoredMark(schema.marks.link)
    } else {
      tr.addMark(from, to, mark)
    }
    view.dispatch(tr.scrollIntoView())
    close()
  }

  onEnter(input, applyLink)
  apply.addEventListener('click', applyLink)
  cancel.addEventListener('click', close)
  remove.addEventListener('click', () => {
    const view = shell.view
    const existing = view && linkAround(view)
    if (view && existing) {
      view.dispatch(view.state.tr.removeMark(existing.from, existing.to, schema.marks.link))
    }
    close()
  })
  return {
    dom: shell.dom,
    open(target) {
      const existing = linkAround(target)
      input.value = existing?.href ?? ''
      remove.hidden = !existing
      message.textContent = ''
      input.removeAttribute('aria-invalid')
      shell.show(target, input)
      input.select()
    },
  }
}

// Small newsroom helpers, each an extra over markup the server rendered, so
// that every page works the same without this script:
// - a live character count beside the search and sharing fields, and their
//   defaults kept current as the headline and standfirst change;
// - a dialog that asks before a button marked data-confirm acts (Unpublish,
//   Delete, Restore). The server asks as well: the dialog only sends the
//   field its confirmation page would (data-confirm-field), so that a stray
//   POST without it still lands on that page and nothing happens.
// It runs deferred and loads from this host only, as the CSP requires.

for (const field of document.querySelectorAll('[data-count]')) countLength(field)
for (const field of document.querySelectorAll('[data-default-from]')) followDefault(field)
for (const button of document.querySelectorAll('button[data-confirm]')) askFirst(button)

/** The same words as src/web/admin/views/seo-fields.tsx (lengthNote). */
function countLength(field) {
  const note = document.getElementById(field.dataset.count)
  const advised = Number(field.dataset.advised)
  if (!note || !advised) return
  const update = () => {
    const length = field.value.length
    const over = length > advised
    note.textContent = over
      ? `${length} characters: over the ${advised} that search results and cards show; the end will be cut off.`
      : `${length} of about ${advised} characters.`
    note.classList.toggle('over', over)
  }
  field.addEventListener('input', update)
}

/**
 * The default a search or sharing field shows (its placeholder and the words in
 * its hint) follows the fields it comes from: the first of them not empty, cut
 * as the story's brief is, else what the server worked out from the body
 * (src/web/admin/views/seo-fields.tsx, liveDefaults).
 */
function followDefault(field) {
  const shown = document.getElementById(field.dataset.defaultShown)
  const sources = field.dataset.defaultFrom.split(' ').flatMap((spec) => {
    const [id, max] = spec.split(':')
    const input = document.getElementById(id)
    return input ? [{ input, max: Number(max) || Infinity }] : []
  })
  const update = () => {
    let text = field.dataset.defaultOtherwise ?? ''
    for (const { input, max } of sources) {
      const value = input.value.replace(/\s+/g, ' ').trim()
      if (value !== '') {
        text = cut(value, max)
        break
      }
    }
    field.placeholder = text
    if (shown) shown.textContent = text ? ` (“${text}”)` : ''
  }
  for (const { input } of sources) input.addEventListener('input', update)
}

/** The same cut as src/text/brief.ts (truncate): at a word, marked with "…". */
function cut(text, max) {
  if (text.length <= max) return text
  const start = text.slice(0, max - 1)
  const space = start.lastIndexOf(' ')
  return `${(space > max / 2 ? start.slice(0, space) : start).replace(/[\s,;:.–—-]+$/, '')}…`
}

/** Asks in a dialog before the button's form is sent, then sends it with the confirmed field. */
function askFirst(button) {
  const form = button.form
  if (!form || typeof HTMLDialogElement !== 'function') return
  button.addEventListener('click', (event) => {
    if (button.dataset.confirmed === 'yes') return
    event.preventDefault()
    const dialog = document.createElement('dialog')
    dialog.className = 'confirm-dialog'
    dialog.setAttribute('aria-labelledby', 'confirm-dialog-text')
    const text = document.createElement('p')
    text.id = 'confirm-dialog-text'
    text.textContent = button.dataset.confirm
    const yes = document.createElement('button')
    yes.type = 'button'
    yes.textContent = button.dataset.confirmYes || button.textContent.trim()
    yes.className = 'danger'
    const no = document.createElement('button')
    no.type = 'button'
    no.textContent = 'Cancel'
    no.className = 'secondary'
    const buttons = document.createElement('p')
    buttons.className = 'confirm-buttons'
    buttons.append(yes, ' ', no)
    dialog.append(text, buttons)
    document.body.append(dialog)
    const close = () => {
      dialog.close()
      dialog.remove()
      button.focus()
    }
    no.addEventListener('click', close)
    dialog.addEventListener('cancel', close)
    yes.addEventListener('click', () => {
      const confirmed = document.createElement('input')
      confirmed.type = 'hidden'
      confirmed.name = button.dataset.confirmField || 'confirm'
      confirmed.value = 'yes'
      form.append(confirmed)
      button.dataset.confirmed = 'yes'
      dialog.close()
      dialog.remove()
      // requestSubmit(button) sends the button's own name and value, as a click would.
      form.requestSubmit(button)
    })
    dialog.showModal()
    no.focus()
  })
}

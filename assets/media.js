// Media library enhancements: drop files anywhere on the upload area to send
// them, and click a picture to set its focal point.
//
// Both are extras. Without this script the upload form's file input takes
// several files and the focal point is two number fields. Runs deferred, from
// this host only, as the CSP requires.

const upload = document.querySelector('form[data-dropzone]')
if (upload instanceof HTMLFormElement) enhanceUpload(upload)

const picker = document.querySelector('[data-focal-picker]')
if (picker) enhanceFocalPoint(picker)

for (const chooser of document.querySelectorAll('[data-image-chooser]')) enhanceChooser(chooser)

const body = document.querySelector('form#editor textarea#body')
if (body instanceof HTMLTextAreaElement) enhanceBodyDrops(body)

/** The form's CSRF token: an upload from the editor is a state-changing request like any other. */
function csrfOf(element) {
  const token = element.closest('form')?.querySelector('input[name=_csrf]')
  return token instanceof HTMLInputElement ? token.value : ''
}

/** Sends files to the library as the upload form would, asking for JSON; resolves with its answer. */
async function uploadFiles(element, files, fields = {}) {
  const form = new FormData()
  form.append('_csrf', csrfOf(element))
  for (const [name, value] of Object.entries(fields)) if (value) form.append(name, value)
  for (const file of files) form.append('files', file)
  const response = await fetch('/admin/media', {
    method: 'POST',
    body: form,
    headers: { accept: 'application/json' },
    credentials: 'same-origin',
  })
  const answer = await response.json().catch(() => ({}))
  if (answer.error) throw new Error(answer.error.message)
  const refused = (answer.refused ?? []).map((file) => `${file.fileName}: ${file.message}`)
  if (refused.length > 0) throw new Error(refused.join(' '))
  if (!response.ok || !answer.items?.length) throw new Error('The upload did not go through.')
  return answer.items
}

/** A new choice in a chooser's list, chosen unless `choose` is false. */
function addChoice(chooser, item, choose = true) {
  const name = chooser.getAttribute('data-image-chooser')
  const list = chooser.querySelector('[data-choices]')
  if (!list || !name) return
  const existing = list.querySelector(`input[value="${item.id}"]`)
  if (existing instanceof HTMLInputElement) {
    if (choose) existing.checked = true
    return
  }
  const entry = document.createElement('li')
  const label = document.createElement('label')
  label.className = 'image-choice'
  const radio = document.createElement('input')
  radio.type = 'radio'
  radio.name = name
  radio.value = item.id
  radio.checked = choose
  const image = document.createElement('img')
  image.src = item.thumbnail.src
  image.width = item.thumbnail.width
  image.height = item.thumbnail.height
  image.alt = ''
  const text = document.createElement('span')
  text.textContent = item.caption ? `${item.fileName} · ${item.caption}` : item.fileName
  label.append(radio, image, text)
  entry.append(label)
  list.append(entry)
  radio.dispatchEvent(new Event('input', { bubbles: true }))
}

/** The chooser's search, without leaving the page: the library's answer replaces the offers. */
function enhanceSearch(chooser) {
  const name = chooser.getAttribute('data-image-chooser')
  const query = chooser.querySelector('input[type=search]')
  const button = chooser.querySelector('.image-search button')
  const list = chooser.querySelector('[data-choices]')
  if (!(query instanceof HTMLInputElement) || !button || !list) return
  button.addEventListener('click', async (event) => {
    event.preventDefault()
    // A story's chooser offers a story's pictures: not those used only as authors' photos.
    const purpose = chooser.dataset.forStories === 'yes' ? 'for=story&' : ''
    const response = await fetch(
      `/admin/media?${purpose}q=${encodeURIComponent(query.value.trim())}`,
      {
        headers: { accept: 'application/json' },
        credentials: 'same-origin',
      },
    )
    if (!response.ok) return
    const { items } = await response.json()
    // The offers go; "No image" and whatever is chosen now stay.
    for (const entry of [...list.children]) {
      const radio = entry.querySelector(`input[name="${name}"]`)
      if (radio instanceof HTMLInputElement && radio.value !== '' && !radio.checked) entry.remove()
    }
    for (const item of items) {
      if (!list.querySelector(`input[value="${item.id}"]`)) addChoice(chooser, item, false)
    }
  })
}

/** The chooser's upload: a photo with its alt text, caption and credit; dropped photos go in too. */
function enhanceChooser(chooser) {
  enhanceSearch(chooser)
  const panel = chooser.querySelector('[data-image-upload]')
  const file = chooser.querySelector('[data-upload-file]')
  const button = chooser.querySelector('[data-upload-button]')
  const status = chooser.querySelector('[data-upload-status]')
  if (!panel || !(file instanceof HTMLInputElement) || !button || !status) return
  panel.hidden = false
  button.addEventListener('click', async () => {
    const files = file.files
    if (!files || files.length === 0) {
      status.textContent = 'Choose a photo first.'
      return
    }
    const fields = {}
    for (const input of chooser.querySelectorAll('[data-upload-field]')) {
      fields[input.getAttribute('data-upload-field')] = input.value.trim()
    }
    status.textContent = 'Uploading…'
    button.disabled = true
    try {
      const [item] = await uploadFiles(chooser, files, fields)
      addChoice(chooser, item)
      status.textContent = `Added to the library and chosen: ${item.fileName}. Save to keep it.`
      file.value = ''
      for (const input of chooser.querySelectorAll('[data-upload-field]')) input.value = ''
    } catch (error) {
      status.textContent = error instanceof Error ? error.message : String(error)
    } finally {
      button.disabled = false
    }
  })
  chooser.addEventListener('dragover', (event) => event.preventDefault())
  chooser.addEventListener('drop', (event) => {
    event.preventDefault()
    const files = event.dataTransfer?.files
    if (!files || files.length === 0) return
    file.files = files
    status.textContent = `${files[0].name}: add its alt text and caption, then Upload and use.`
    chooser.querySelector('[data-upload-field]')?.focus()
  })
}

/** A photo dropped on the body goes to the library and in at the caret, as ![name](media:ID). */
function enhanceBodyDrops(textarea) {
  const status = document.getElementById('autosave-status')
  textarea.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault()
  })
  textarea.addEventListener('drop', async (event) => {
    const files = [...(event.dataTransfer?.files ?? [])].filter((f) => f.type.startsWith('image/'))
    if (files.length === 0) return
    event.preventDefault()
    if (status) status.textContent = 'Uploading the photo…'
    try {
      const items = await uploadFiles(textarea, files)
      const text = items
        .map(
          (item) =>
            `\n\n![${(item.alt || item.fileName).replace(/[[\]]/g, '')}](media:${item.id})\n\n`,
        )
        .join('')
      const at = textarea.selectionStart ?? textarea.value.length
      textarea.setRangeText(text, at, at, 'end')
      textarea.dispatchEvent(new Event('input', { bubbles: true }))
      if (status) {
        status.textContent = items.some((item) => !item.alt && !item.decorative)
          ? 'Photo added. Give it alt text in the library before this goes out.'
          : 'Photo added.'
      }
    } catch (error) {
      if (status) status.textContent = error instanceof Error ? error.message : String(error)
    }
  })
}

/** Dropped files go into the form's own file input, and the form is sent as it would be by hand. */
function enhanceUpload(form) {
  const input = form.querySelector('input[type=file]')
  if (!(input instanceof HTMLInputElement)) return
  const hint = form.querySelector('[data-drop-hint]')
  if (hint) hint.hidden = false
  let depth = 0
  const setActive = (active) => form.classList.toggle('drop-active', active)
  form.addEventListener('dragenter', (event) => {
    event.preventDefault()
    depth += 1
    setActive(true)
  })
  form.addEventListener('dragover', (event) => event.preventDefault())
  form.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1)
    if (depth === 0) setActive(false)
  })
  form.addEventListener('drop', (event) => {
    event.preventDefault()
    depth = 0
    setActive(false)
    const files = event.dataTransfer?.files
    if (!files || files.length === 0) return
    input.files = files
    form.requestSubmit()
  })
}

/** A click on the picture fills the focal point fields (percent from the left and the top). */
function enhanceFocalPoint(container) {
  const image = container.querySelector('img')
  const x = document.getElementById('focal_x')
  const y = document.getElementById('focal_y')
  if (!image || !(x instanceof HTMLInputElement) || !(y instanceof HTMLInputElement)) return
  const marker = container.querySelector('[data-focal-marker]')
  const show = () => {
    if (!marker) return
    marker.hidden = false
    marker.style.left = `${x.value}%`
    marker.style.top = `${y.value}%`
  }
  image.addEventListener('click', (event) => {
    const box = image.getBoundingClientRect()
    const percent = (offset, size) =>
      Math.round(Math.min(1, Math.max(0, offset / size)) * 1000) / 10
    x.value = String(percent(event.clientX - box.left, box.width))
    y.value = String(percent(event.clientY - box.top, box.height))
    show()
  })
  x.addEventListener('input', show)
  y.addEventListener('input', show)
  show()
}

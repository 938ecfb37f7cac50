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

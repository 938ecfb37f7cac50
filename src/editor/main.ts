// The newsroom's rich-text editor, loaded only on the article editor's page
// (bundled by scripts/bundle-editor.mjs into assets/editor.js).
import { mountEditor } from './mount.js'

const form = document.querySelector('form#editor')
const body = form?.querySelector('textarea#body')
if (
  form instanceof HTMLFormElement &&
  body instanceof HTMLTextAreaElement &&
  !body.matches(':disabled')
) {
  mountEditor(body, form)
}

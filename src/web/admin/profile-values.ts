import type { AuthorLink } from '../../domain/people/author.js'
import { text, type FormValues } from '../plugins/request-parsing.js'
import type { ProfileValues } from './views/profile-form.js'

/** Every value of a repeated field, blanks kept, so that rows pair up by place. */
function rows(form: FormValues, name: string): string[] {
  const value = form[name]
  return Array.isArray(value) ? value : value === undefined ? [] : [value]
}

/** A profile form's fields: the name, the biography, and the link rows paired up. */
export function profileValuesFrom(form: FormValues): ProfileValues {
  const labels = rows(form, 'link_label')
  const urls = rows(form, 'link_url')
  const links: AuthorLink[] = Array.from(
    { length: Math.min(Math.max(labels.length, urls.length), 50) },
    (_, index) => ({ label: labels[index] ?? '', url: urls[index] ?? '' }),
  )
  return { name: text(form, 'name'), bio: text(form, 'bio'), links }
}

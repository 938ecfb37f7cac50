// Concurrent sign-in guesses: `wrong` wrong passwords and then the right one,
// all sent at once from one address to one account. An answer other than 429
// means the password was checked; the figure is how many were, against the
// per-account limit, and whether the right one got in.
import { LOGIN_LIMITS } from '../../src/domain/accounts/account-service.js'
import { createStaff } from '../../test/web/admin-session.js'
import { send } from '../http.js'
import type { Site } from '../site.js'

export interface SignInFigure {
  sent: number
  checked: number
  limit: number
  rightOneGotIn: boolean
}

export async function signInGuesses(
  site: Site,
  { wrong }: { wrong: number },
): Promise<SignInFigure> {
  const staff = await createStaff(site.ctx, 'editor')
  // The pre-session cookie and the form's token bound to it, as the sign-in page gives a browser.
  const page = await fetch(`${site.url}/admin/login`, {
    headers: { 'x-forwarded-for': '203.0.113.9' },
  })
  const html = await page.text()
  const cookie = page.headers
    .getSetCookie()
    .map((line) => line.split(';')[0] ?? '')
    .join('; ')
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? ''
  const attempt = (password: string) =>
    send(site.url, {
      method: 'POST',
      path: '/admin/login',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        cookie,
        origin: site.url,
        'x-forwarded-for': '203.0.113.9',
      },
      body: new URLSearchParams({
        _csrf: csrf,
        email: staff.email,
        password,
        next: '/admin',
      }).toString(),
    })
  const passwords = [
    ...Array.from({ length: wrong }, (_, index) => `wrong password number ${index}`),
    staff.password,
  ]
  const answers = await Promise.all(passwords.map(attempt))
  const right = answers.at(-1)
  // Only a password that was checked is told it is wrong (401); 429 is refused unchecked.
  // Anything else (a form refused on its face) would hide the figure, so it fails the check.
  const unexpected = answers.filter((answer) => ![303, 401, 429].includes(answer.status))
  if (unexpected.length > 0) {
    throw new Error(`sign-in answered ${unexpected.map((answer) => answer.status).join(', ')}`)
  }
  return {
    sent: answers.length,
    checked: answers.filter((answer) => answer.status !== 429).length,
    limit: LOGIN_LIMITS.perAccount,
    rightOneGotIn:
      right?.status === 303 &&
      [right.headers['set-cookie'] ?? []].flat().some((line) => line.startsWith('dl_session=')),
  }
}

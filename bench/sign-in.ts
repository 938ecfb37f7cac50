// Signing in to the newsroom over HTTP, as a browser does: the sign-in page sets a
// pre-session cookie and carries the CSRF token bound to it; the form posts both back.
const SESSION_COOKIE = 'dl_session'
const PRE_SESSION_COOKIE = 'dl_presession'

function cookieValue(response: Response, name: string): string | undefined {
  for (const line of response.headers.getSetCookie()) {
    const [pair = ''] = line.split(';')
    if (pair.startsWith(`${name}=`)) return pair.slice(name.length + 1)
  }
  return undefined
}

/** Signs in and returns the Cookie header that names the new session. */
export async function signIn(base: string, email: string, password: string): Promise<string> {
  const page = await fetch(`${base}/admin/login`, { redirect: 'manual' })
  const html = await page.text()
  const preSession = cookieValue(page, PRE_SESSION_COOKIE)
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1]
  if (!preSession || !csrf) throw new Error(`the sign-in page (${page.status}) has no CSRF token`)
  const response = await fetch(`${base}/admin/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: `${PRE_SESSION_COOKIE}=${preSession}`,
    },
    body: new URLSearchParams({ _csrf: csrf, email, password, next: '/admin' }).toString(),
  })
  await response.arrayBuffer()
  const session = cookieValue(response, SESSION_COOKIE)
  if (response.status !== 303 || !session) {
    throw new Error(`signing in as ${email} failed: ${response.status}`)
  }
  return `${SESSION_COOKIE}=${session}`
}

#!/usr/bin/env node
// Browser test of publishing: composer → save → submit for review → (reviewer) approve → (owner) schedule at
// now + 1 min → the post on the Calendar → the Feed channel publishes it → the public feed shows it.
//
// Env: BASE_URL (e.g. http://localhost:8080), TROUPE_EMAIL, TROUPE_PASSWORD (an owner),
//      REVIEWER_EMAIL, REVIEWER_PASSWORD (a reviewer),
//      CHARACTER_NAME (default "Feed Star": a character with a generated image and a Feed channel),
//      FEED_HANDLE (the character's handle, default: looked up by name),
//      PUBLISH_TIMEOUT_MS (how long after the scheduled time the feed may take, default 120000),
//      CHROME_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (per step, default 30000), E2E_HEADFUL=1 to watch.
// Exit code 0 on success; 1 with a message naming the failed step otherwise.
import { join } from 'node:path'
import { commonEnv, env, launch, login, outDir, reportFailure, steps } from './lib.mjs'

const cfg = commonEnv()
const reviewer = { baseUrl: cfg.baseUrl, email: env('REVIEWER_EMAIL'), password: env('REVIEWER_PASSWORD') }
const CHARACTER = process.env.CHARACTER_NAME || 'Feed Star'
let handle = process.env.FEED_HANDLE || ''
const PUBLISH_TIMEOUT = Number(process.env.PUBLISH_TIMEOUT_MS || 120000)
const marker = `e2e-publish-${Date.now().toString(36)}`
const caption = `Golden hour on the rooftop ☀️ ${marker}`

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session

const top = () => page.locator('main').evaluate((el) => el.scrollTo(0, 0))
const isPost = (path) => (r) => r.request().method() === 'POST' && new URL(r.url()).pathname === path
async function expectOk(res, what) {
  if (!res.ok()) throw new Error(`${what} answered ${res.status()}: ${(await res.text()).slice(0, 300)}`)
  return res.json().catch(() => null)
}

async function logout() {
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await page.waitForURL(/\/login/)
}

/** "YYYY-MM-DDTHH:mm" in a zone: the value a datetime-local input takes. */
function zonedLocal(date, timeZone) {
  const p = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
      .formatToParts(date)
      .map((x) => [x.type, x.value]),
  )
  return `${p.year}-${p.month}-${p.day}T${p.hour}:${p.minute}`
}

try {
  log(`open ${cfg.baseUrl} and sign in as the owner`)
  await login(page, cfg)

  log('open the composer')
  await page.goto(cfg.baseUrl + '/posts/new')
  await page.getByRole('heading', { name: 'New post', level: 1 }).waitFor()

  log(`pick the character “${CHARACTER}”`)
  await page.getByTestId('composer-character').click()
  const option = page.getByRole('option').filter({ hasText: CHARACTER }).first()
  await option.waitFor()
  await option.click()
  await page.getByTestId('composer-character').filter({ hasText: CHARACTER }).waitFor()

  log('pick the first generated image')
  const media = page.getByTestId('composer-media-option').first()
  await media.waitFor()
  await media.click()
  await page.locator('[data-testid="composer-media-option"][aria-pressed="true"]').first().waitFor()

  log(`type a caption with the marker ${marker}`)
  await page.getByTestId('composer-caption').fill(caption)

  log('select the Feed channel')
  const feed = page.locator('[data-testid="composer-channel"][data-platform="feed"]').first()
  await feed.waitFor()
  await feed.check()
  await page.getByTestId('channel-preview').filter({ hasText: marker }).first().waitFor()

  log('save the draft')
  const [created] = await Promise.all([page.waitForResponse(isPost('/api/v1/posts')), page.getByTestId('composer-save').click()])
  const post = await expectOk(created, 'POST /api/v1/posts')
  console.log(`  post ${post.id} ${post.state}`)
  await page.waitForURL(new RegExp(`/posts/${post.id}$`))
  await page.getByTestId('post-state').first().waitFor()
  await top()
  await page.screenshot({ path: join(outDir, 'composer.png'), fullPage: true })

  log('submit for review')
  const [submitted] = await Promise.all([page.waitForResponse(isPost(`/api/v1/posts/${post.id}/submit`)), page.getByTestId('composer-submit').click()])
  const afterSubmit = await expectOk(submitted, 'POST …/submit')
  console.log(`  now ${afterSubmit?.state}`)

  if (afterSubmit?.state === 'APPROVED') {
    console.log('  the channel auto-approves: no review needed')
  } else {
    log('sign out and sign in as the reviewer')
    await logout()
    await login(page, reviewer)

    log('open Review and approve the post')
    await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Review' }).click()
    await page.waitForURL(/\/review/)
    const item = page.locator(`[data-testid="review-item"][data-post-id="${post.id}"]`)
    await item.waitFor()
    await item.click()
    await page.locator(`[data-testid="review-detail"][data-post-id="${post.id}"]`).waitFor()
    await top()
    await page.screenshot({ path: join(outDir, 'review.png'), fullPage: true })
    const [approved] = await Promise.all([page.waitForResponse(isPost(`/api/v1/posts/${post.id}/approve`)), page.getByTestId('review-approve').click()])
    await expectOk(approved, 'POST …/approve')
    await item.waitFor({ state: 'detached' })

    log('sign out and sign in as the owner again')
    await logout()
    await login(page, cfg)
  }

  log('schedule the post one minute from now')
  await page.goto(`${cfg.baseUrl}/posts/${post.id}`)
  const at = page.getByTestId('composer-schedule-at')
  await at.waitFor()
  const zone = (await at.getAttribute('data-timezone')) || 'UTC'
  const when = new Date(Math.ceil((Date.now() + 60_000) / 60_000) * 60_000)
  await at.fill(zonedLocal(when, zone))
  const [scheduled] = await Promise.all([page.waitForResponse(isPost(`/api/v1/posts/${post.id}/schedule`)), page.getByTestId('composer-schedule').click()])
  const afterSchedule = await expectOk(scheduled, 'POST …/schedule')
  console.log(`  ${afterSchedule?.state} at ${afterSchedule?.scheduledAt ?? zonedLocal(when, zone)} (${zone})`)

  log('find the post on the Calendar')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Calendar' }).click()
  await page.waitForURL(/\/calendar/)
  // only this character's posts: a shared test database may hold many posts on the same day
  await page.goto(`${cfg.baseUrl}/calendar?character=${post.characterId}`)
  const event = page.locator(`[data-testid="calendar-event"][data-post-id="${post.id}"]`).first()
  await event.waitFor()
  console.log(`  event state ${await event.getAttribute('data-state')}`)
  await top()
  await page.screenshot({ path: join(outDir, 'calendar.png'), fullPage: true })

  if (!handle) {
    log('look up the character’s handle')
    const list = await page.evaluate(async () => (await fetch('/api/v1/characters', { credentials: 'same-origin' })).json())
    handle = list.find((c) => c.name === CHARACTER)?.handle
    if (!handle) throw new Error(`no character named “${CHARACTER}” (set FEED_HANDLE)`)
  }

  log(`wait until /feeds/${handle}/feed.json carries the marker`)
  const deadline = when.getTime() + PUBLISH_TIMEOUT
  let last = ''
  for (;;) {
    try {
      const res = await fetch(`${cfg.baseUrl}/feeds/${encodeURIComponent(handle)}/feed.json`, { headers: { Accept: 'application/feed+json, application/json' } })
      last = `${res.status} ${(await res.text()).slice(0, 20000)}`
      if (res.ok && last.includes(marker)) break
    } catch (e) {
      last = String(e)
    }
    if (Date.now() > deadline) throw new Error(`the feed did not show ${marker} within ${PUBLISH_TIMEOUT / 1000} s of the scheduled time; last answer: ${last.slice(0, 300)}`)
    await new Promise((r) => setTimeout(r, 3000))
  }
  console.log(`  published after ${Math.round((Date.now() - when.getTime()) / 1000)} s past the scheduled minute`)

  log(`open /feeds/${handle} and find the marker`)
  await page.goto(`${cfg.baseUrl}/feeds/${encodeURIComponent(handle)}`, { waitUntil: 'domcontentloaded' })
  await page.getByText(marker).first().waitFor()
  await page.screenshot({ path: join(outDir, 'feed.png'), fullPage: true })

  console.log('E2E PASSED: compose, review, schedule, calendar and the public feed all work')
  console.log('1 passed, 0 failed')
  await browser.close()
  process.exit(0)
} catch (e) {
  await reportFailure(session, step.current, e)
}

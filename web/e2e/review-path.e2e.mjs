// The two-person path, in Chromium: an editor writes a post and submits it (and is told they wait for a reviewer);
// the owner, on a 390 px wide phone, opens the composer (a long character name must not widen it), reaches the
// post in Review with the keyboard, approves and schedules it, follows the toast's link to the post, finds it on
// the Posts page, and schedules an approved post from the calendar's unscheduled tray with the date-time picker.
// axe-core checks each page; screenshots of every step are kept in e2e/out when a step fails.
//
// Env: BASE_URL, TROUPE_EMAIL / TROUPE_PASSWORD (the owner), EDITOR_EMAIL / EDITOR_PASSWORD, CHARACTER_NAME (a
// character with a Feed channel and a very long name), TRAY_POST_ID (an approved post without a time), CHROME_PATH.
import { checkAccessibility, commonEnv, env, launch, login, overflowsSideways, recordedSteps, reportFailure } from './lib.mjs'

const cfg = commonEnv()
const EDITOR = { ...cfg, email: env('EDITOR_EMAIL'), password: env('EDITOR_PASSWORD') }
const CHARACTER = env('CHARACTER_NAME')
const TRAY_POST_ID = env('TRAY_POST_ID')
const caption = `Written by the editor ${Date.now().toString(36)}`

const session = await launch(cfg)
const { browser } = session
let page = session.page
const step = recordedSteps('review-path', () => page)

async function noSidewaysScroll(name) {
  if (await overflowsSideways(page)) {
    const width = await page.evaluate(() => document.documentElement.scrollWidth)
    throw new Error(`${name} is ${width}px wide on a 390px screen`)
  }
}

try {
  await step.log('the editor signs in and writes a post (n opens the composer)')
  await login(page, EDITOR)
  await page.locator('body').press('n')
  await page.waitForURL(/\/posts\/new$/)
  await page.getByTestId('composer-character').click()
  await page.getByRole('option').filter({ hasText: CHARACTER }).first().click()
  await page.getByTestId('composer-caption').fill(caption)
  await page.locator('[data-testid="composer-channel"][data-platform="feed"]').first().check()
  if (await page.getByTestId('composer-publish-now').count()) throw new Error('an editor was offered to publish without review')
  await page.getByTestId('composer-submit').click()
  await page.waitForURL((u) => /\/posts\/[0-9a-f-]{36}$/.test(u.pathname))
  const postId = new URL(page.url()).pathname.split('/').pop()
  await page.getByTestId('composer-waiting').waitFor()

  await step.log('the editor signs out')
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await page.getByRole('button', { name: 'Sign in' }).waitFor()

  await step.log('the owner signs in on a 390 px phone; the composer fits a long character name')
  const phone = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true })
  page = await phone.newPage()
  page.setDefaultTimeout(cfg.stepTimeout)
  session.page = page
  await login(page, cfg)
  await page.getByTestId('header-new-post').click()
  await page.waitForURL(/\/posts\/new$/)
  await page.getByTestId('composer-character').click()
  await page.getByRole('option').filter({ hasText: CHARACTER }).first().click()
  await page
    .getByTestId('composer-character')
    .filter({ hasText: CHARACTER.slice(0, 12) })
    .waitFor()
  await noSidewaysScroll('the composer')
  await checkAccessibility(page, 'Composer (390 px)')

  await step.log('Review: the post is a button reached with Tab')
  await page.goto(cfg.baseUrl + '/review')
  const item = page.locator(`[data-testid="review-item"][data-post-id="${postId}"]`).getByTestId('review-open')
  await item.waitFor()
  let reached = false
  for (let i = 0; i < 60 && !reached; i++) {
    await page.keyboard.press('Tab')
    reached = await item.evaluate((el) => el === document.activeElement)
  }
  if (!reached) throw new Error('Tab never reached the post in the review list')
  await page.keyboard.press('Enter')
  await page.locator(`[data-testid="review-detail"][data-post-id="${postId}"]`).waitFor()
  await noSidewaysScroll('Review')
  await checkAccessibility(page, 'Review (390 px)')

  await step.log('approve and schedule it from Review')
  await page.getByTestId('review-approve-schedule').click()
  const dialog = page.getByTestId('schedule-dialog')
  await dialog.getByTestId('schedule-dialog-at').waitFor()
  await checkAccessibility(page, 'Approve and schedule dialog')
  await dialog.getByTestId('schedule-dialog-confirm').click()
  const toast = page.getByTestId('toast').filter({ hasText: 'Approved and scheduled' })
  await toast.waitFor()

  await step.log('the toast links to the post, which is scheduled')
  await toast.getByTestId('toast-action').click()
  await page.waitForURL((u) => u.pathname === `/posts/${postId}`)
  await page.locator('[data-testid="post-state"][data-state="SCHEDULED"]').first().waitFor()
  await noSidewaysScroll('the post')

  await step.log('the Posts page lists it as scheduled')
  await page.goto(cfg.baseUrl + '/posts?state=SCHEDULED')
  await page.locator(`[data-testid="posts-row"][data-post-id="${postId}"]`).waitFor()
  await noSidewaysScroll('Posts')
  await checkAccessibility(page, 'Posts (390 px)')

  await step.log('the calendar names its days; today is marked')
  await phone.close()
  page = session.page = await session.context.newPage()
  page.setDefaultTimeout(cfg.stepTimeout)
  await page.goto(cfg.baseUrl + '/', { waitUntil: 'domcontentloaded' })
  await login(page, cfg)
  await page.goto(cfg.baseUrl + '/calendar')
  const today = page.locator('[data-testid="calendar-day"][aria-current="date"]')
  await today.waitFor()
  const label = await today.getAttribute('aria-label')
  if (!label || !/\d{4}/.test(label)) throw new Error(`today is named “${label}”`)

  await step.log('schedule an approved post from the unscheduled tray with the date-time picker')
  const trayItem = page.locator(`[data-testid="tray-item"][data-post-id="${TRAY_POST_ID}"]`)
  await trayItem.getByTestId('tray-schedule').focus()
  await page.keyboard.press('Enter')
  const picker = page.getByTestId('schedule-dialog')
  await picker.getByTestId('schedule-dialog-at').waitFor()
  const [scheduled] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith(`/api/v1/posts/${TRAY_POST_ID}/schedule`)),
    picker.getByTestId('schedule-dialog-confirm').click(),
  ])
  if (scheduled.status() !== 200) throw new Error(`scheduling from the tray answered ${scheduled.status()}: ${await scheduled.text()}`)
  await trayItem.waitFor({ state: 'detached' })
  // the week view shows every post of its hours (a month day shows four and "+N more")
  const day = await page.evaluate(
    (at) => {
      const d = new Date(at)
      return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    },
    (await scheduled.json()).scheduledAt,
  )
  await page.goto(`${cfg.baseUrl}/calendar?view=week&date=${day}`)
  const event = page.locator(`[data-testid="calendar-event"][data-post-id="${TRAY_POST_ID}"]`).first()
  await event.waitFor()
  const eventName = await event.getAttribute('aria-label')
  if (!eventName || !/\d{4}/.test(eventName) || !/\d{1,2}:\d{2}/.test(eventName)) throw new Error(`the event is named “${eventName}”`)
  await checkAccessibility(page, 'Calendar')

  console.log('1 passed, 0 failed')
  await browser.close()
} catch (e) {
  step.keep()
  await reportFailure(session, step.current, e)
}

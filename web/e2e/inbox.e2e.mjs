#!/usr/bin/env node
// Browser test of the inbox: the open count in the navigation → the Inbox page → the mention with the character's
// post as context → a reply written and sent (it goes to review) → approved on the Review page → the mention shows
// as answered. The Java side then checks the reply reached the platform once, in the right thread.
//
// Env: BASE_URL, TROUPE_EMAIL, TROUPE_PASSWORD (an owner), REVIEWER_EMAIL, REVIEWER_PASSWORD (a reviewer, who
//      approves the owner's reply), MENTION_MARKER (a word in the mention's text),
//      REPLY_TEXT (what to answer), ORIGINAL_TEXT (a word of the character's post the mention answers),
//      CHROME_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (per step, default 30000), E2E_HEADFUL=1 to watch.
// Exit code 0 on success; 1 with a message naming the failed step otherwise. Screenshot: e2e/out/inbox.png.
import { join } from 'node:path'
import { commonEnv, env, launch, login, outDir, reportFailure, steps } from './lib.mjs'

const cfg = commonEnv()
const MARKER = env('MENTION_MARKER')
const REPLY = env('REPLY_TEXT')
const ORIGINAL = env('ORIGINAL_TEXT')
const reviewer = { baseUrl: cfg.baseUrl, email: env('REVIEWER_EMAIL'), password: env('REVIEWER_PASSWORD') }

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session
const isPost = (suffix) => (r) => r.request().method() === 'POST' && new URL(r.url()).pathname.endsWith(suffix)

try {
  log(`open ${cfg.baseUrl} and log in as the owner`)
  await login(page, cfg)

  log('the navigation shows the open count')
  const badge = page.getByTestId('inbox-count')
  await badge.waitFor()
  if (!(Number((await badge.textContent()).replace('+', '')) >= 1)) throw new Error(`the badge says “${await badge.textContent()}”`)

  log('open the Inbox and find the mention')
  await page.getByRole('link', { name: /Inbox/ }).first().click()
  await page.getByRole('heading', { name: 'Inbox', level: 1 }).waitFor()
  await page.getByTestId('inbox-search').fill(MARKER)
  const item = page.getByTestId('inbox-item').filter({ hasText: MARKER })
  await item.first().waitFor()
  await item.first().click()
  const detail = page.getByTestId('inbox-detail')
  await detail.filter({ hasText: MARKER }).waitFor()

  log('the character’s post is shown as context')
  await page.getByTestId('inbox-original').filter({ hasText: ORIGINAL }).waitFor()

  log('keyboard: ? shows the shortcuts, Enter puts the cursor in the reply box')
  await page.locator('body').click({ position: { x: 5, y: 5 } })
  await page.keyboard.press('?')
  await page.getByTestId('inbox-help').waitFor()
  await page.keyboard.press('Enter')
  const box = page.getByTestId('inbox-reply-text')
  if (!(await box.evaluate((el) => el === document.activeElement))) throw new Error('Enter did not focus the reply box')

  log('write the reply and send it')
  await box.fill(REPLY)
  const [sent] = await Promise.all([page.waitForResponse(isPost('/reply')), page.getByTestId('inbox-send').click()])
  if (sent.status() !== 201) throw new Error(`reply answered ${sent.status()}: ${(await sent.text()).slice(0, 300)}`)
  await page.getByText('Reply sent to review').first().waitFor()

  log('the owner cannot approve their own reply while owner self-approval is off, and is told why')
  await page.goto(cfg.baseUrl + '/review')
  const ownItem = page.getByTestId('review-item').filter({ hasText: REPLY })
  await ownItem.first().waitFor()
  await ownItem.first().click()
  await page.getByTestId('review-detail').filter({ hasText: REPLY }).waitFor()
  await page.getByTestId('review-approve-block').filter({ hasText: 'owners approving their own posts is off' }).waitFor()
  if (!(await page.getByTestId('review-approve').isDisabled())) throw new Error('Approve is enabled on the owner’s own reply')

  log('log in as the reviewer and approve the reply on the Review page')
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await page.waitForURL(/\/login/)
  await login(page, reviewer)
  await page.goto(cfg.baseUrl + '/review')
  const reviewItem = page.getByTestId('review-item').filter({ hasText: REPLY })
  await reviewItem.first().waitFor()
  await reviewItem.first().click()
  await page.getByTestId('review-detail').filter({ hasText: REPLY }).waitFor()
  const [approved] = await Promise.all([page.waitForResponse(isPost('/approve')), page.getByTestId('review-approve').click()])
  if (!approved.ok()) throw new Error(`approve answered ${approved.status()}: ${(await approved.text()).slice(0, 300)}`)

  log('the mention is answered in the Inbox')
  await page.goto(cfg.baseUrl + '/inbox')
  await page.getByTestId('inbox-state-answered').click()
  await page.getByTestId('inbox-search').fill(MARKER)
  await page.locator('[data-testid="inbox-item"][data-state="answered"]').filter({ hasText: MARKER }).first().click()
  await page.getByTestId('inbox-detail').filter({ hasText: MARKER }).waitFor()

  log('every conversation shows only answered items with the search word, at once and once settled')
  await onlyMatching('answered')
  await page.locator('[data-testid="inbox-list"]:not([aria-busy])').waitFor()
  await onlyMatching('answered')
  await page.screenshot({ path: join(outDir, 'inbox.png'), fullPage: true })

  console.log('1 passed, 0 failed')
  await browser.close()
} catch (e) {
  await reportFailure(session, step.current, e)
}

/** Every item the list shows is in `state` and contains the marker (its text, or its author). */
async function onlyMatching(state) {
  const shown = await page.getByTestId('inbox-item').evaluateAll((rows) => rows.map((r) => ({ state: r.dataset.state, text: r.textContent })))
  const stray = shown.filter((r) => r.state !== state || !r.text.toLowerCase().includes(MARKER.toLowerCase()))
  if (shown.length === 0 || stray.length)
    throw new Error(`the list shows ${shown.length} items, ${stray.length} not ${state} with “${MARKER}”: ${JSON.stringify(stray).slice(0, 300)}`)
}

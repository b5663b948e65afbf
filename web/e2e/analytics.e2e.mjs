#!/usr/bin/env node
// Browser test of the Analytics page: with a channel's seeded history (samples as the collector stores them), the
// followers line, the engagement bars and the per-platform bars are drawn with axes and legends, the best post is
// listed first, the CSV export answers, and the best times become queue slots with one click.
// Leaves a screenshot of the page in e2e/out/analytics.png.
//
// Env: BASE_URL, TROUPE_EMAIL, TROUPE_PASSWORD (an owner), CHARACTER_ID, CHANNEL_ID, CHANNEL_NAME, BEST_EXCERPT,
//      POSTS (how many posts have numbers), CHROME_PATH, E2E_TIMEOUT_MS, E2E_HEADFUL=1.
import { join } from 'node:path'
import { commonEnv, env, launch, login, outDir, reportFailure, steps } from './lib.mjs'

const cfg = commonEnv()
const CHARACTER_ID = env('CHARACTER_ID')
const CHANNEL_ID = env('CHANNEL_ID')
const CHANNEL_NAME = env('CHANNEL_NAME')
const BEST_EXCERPT = env('BEST_EXCERPT')
const POSTS = Number(env('POSTS'))

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session

try {
  log(`open ${cfg.baseUrl} and log in`)
  await login(page, cfg)

  log('open Analytics from the navigation')
  await page.getByRole('link', { name: 'Analytics' }).first().click()
  await page.getByRole('heading', { name: 'Analytics' }).waitFor()

  log('filter by the character and its channel through the address')
  await page.goto(`${cfg.baseUrl}/analytics?character=${CHARACTER_ID}&channel=${CHANNEL_ID}`)
  await page.getByTestId('analytics-channel').filter({ hasText: CHANNEL_NAME }).waitFor()

  log('the followers chart draws one line with its legend and labelled axes')
  const followers = page.getByTestId('chart-followers')
  await followers.locator('.recharts-line-curve').first().waitFor()
  await followers.locator('.recharts-legend-item-text', { hasText: CHANNEL_NAME }).waitFor()
  await followers.locator('.recharts-label', { hasText: 'Followers' }).waitFor()

  log(`the engagement chart has a stacked bar per post (${POSTS} posts)`)
  const engagement = page.getByTestId('chart-engagement')
  await engagement.locator('.recharts-bar-rectangle').first().waitFor()
  const reactionBars = await engagement.locator('.recharts-bar').first().locator('.recharts-bar-rectangle').count()
  if (reactionBars !== POSTS) throw new Error(`expected ${POSTS} reaction bars, found ${reactionBars}`)
  for (const name of ['Reactions', 'Shares', 'Comments']) await engagement.locator('.recharts-legend-item-text', { hasText: name }).waitFor()

  log('the per-platform chart and table show Mastodon')
  const platforms = page.getByTestId('chart-platforms')
  await platforms.locator('.recharts-bar-rectangle').first().waitFor()
  await platforms.getByRole('cell', { name: 'Mastodon' }).waitFor()

  log('totals count every post')
  const total = (await page.getByTestId('total-publications').textContent())?.trim()
  if (total !== String(POSTS)) throw new Error(`Publications total is ${total}, expected ${POSTS}`)

  log('the best post is listed first')
  const first = (await page.getByTestId('posts-best').locator('li').first().textContent()) ?? ''
  if (!first.includes(BEST_EXCERPT)) throw new Error(`the best post is “${first}”, expected “${BEST_EXCERPT}”`)
  await page.getByTestId('posts-worst').locator('li').first().waitFor()

  log('the publications CSV answers with a row per post')
  const href = await page.getByTestId('analytics-export').first().getAttribute('href')
  const csv = await page.request.get(cfg.baseUrl + href)
  if (!csv.ok()) throw new Error(`${href} answered ${csv.status()}`)
  const lines = (await csv.text()).trim().split('\n')
  if (lines.length !== POSTS + 1 || !lines.some((l) => l.includes(BEST_EXCERPT))) throw new Error(`the CSV has ${lines.length} lines:\n${lines.slice(0, 3).join('\n')}`)

  log('the best times are ranked with their confidence')
  const best = page.getByTestId('best-times')
  await best.getByTestId('best-times-slots').locator('li').first().waitFor()
  await best.getByTestId('best-times-confidence').waitFor()
  await page.getByTestId('collection-status').getByText(CHANNEL_NAME).waitFor()

  log('keep a screenshot of the whole page')
  // the app shell scrolls inside its main area: a tall viewport shows every card at once
  await page.setViewportSize({ width: 1440, height: 2000 })
  await page.screenshot({ path: join(outDir, 'analytics.png'), fullPage: true })
  await page.setViewportSize({ width: 1440, height: 960 })

  log('Apply as queue slots')
  const [applied] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.url().includes(`/channels/${CHANNEL_ID}/best-times/apply`)),
    page.getByTestId('apply-best-times').click(),
  ])
  if (!applied.ok()) throw new Error(`apply answered ${applied.status()}: ${await applied.text()}`)
  await page.getByTestId('toast').filter({ hasText: 'Queue slots set' }).waitFor()

  console.log('1 passed, 0 failed')
  await browser.close()
} catch (e) {
  await reportFailure(session, step.current, e)
}

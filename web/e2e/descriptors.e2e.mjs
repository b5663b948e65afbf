#!/usr/bin/env node
// Browser test of descriptor-driven screens: a platform and a backend type the dashboard has never heard of
// (registered only in the server's test context) appear in the connect dialog and the backend form, and the
// composer's counter uses the platform's own text limit.
//
// Env: BASE_URL, TROUPE_EMAIL, TROUPE_PASSWORD (an owner), CHARACTER_NAME (a character to connect),
//      PLATFORM_TYPE and PLATFORM_NAME (the throwaway platform's type and displayName), TEXT_MAX (its limit),
//      BACKEND_TYPE_NAME (the throwaway backend type's displayName), BACKEND_OPTION (one of its option names),
//      CHROME_PATH, E2E_TIMEOUT_MS, E2E_HEADFUL=1.
import { join } from 'node:path'
import { commonEnv, env, launch, login, outDir, reportFailure, steps } from './lib.mjs'

const cfg = commonEnv()
const CHARACTER = env('CHARACTER_NAME')
const PLATFORM_TYPE = env('PLATFORM_TYPE')
const PLATFORM_NAME = env('PLATFORM_NAME')
const TEXT_MAX = Number(env('TEXT_MAX'))
const BACKEND_TYPE_NAME = env('BACKEND_TYPE_NAME')
const BACKEND_OPTION = env('BACKEND_OPTION')

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session

try {
  log(`open ${cfg.baseUrl} and sign in`)
  await login(page, cfg)

  log('open the connect dialog on Channels')
  await page.goto(cfg.baseUrl + '/channels')
  await page.getByTestId('connect-channel').click()
  const dialog = page.getByTestId('channel-dialog')
  await dialog.waitFor()

  log(`pick the character “${CHARACTER}” and the platform “${PLATFORM_NAME}” from the descriptors`)
  await dialog.locator('#channel-character').click()
  await page.getByRole('option').filter({ hasText: CHARACTER }).first().click()
  if ((await dialog.getByRole('radio', { checked: true }).count()) !== 0) throw new Error('a platform was preselected')
  const card = dialog.locator(`[data-testid="channel-platform-card"][data-platform="${PLATFORM_TYPE}"]`)
  await card.getByText(PLATFORM_NAME, { exact: true }).waitFor()
  await card.click()
  await dialog.getByRole('radio', { name: new RegExp(PLATFORM_NAME), checked: true }).waitFor()

  log('connect it')
  const name = `${PLATFORM_NAME} e2e ${Date.now().toString(36)}`
  await page.getByTestId('channel-name').fill(name)
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/channels'),
    page.getByTestId('channel-save').click(),
  ])
  if (created.status() !== 201) throw new Error(`POST /api/v1/channels answered ${created.status()}: ${await created.text()}`)
  const channel = await created.json()
  if (channel.platform !== PLATFORM_TYPE) throw new Error(`the channel was connected to ${channel.platform}, not ${PLATFORM_TYPE}`)
  const row = page.locator(`[data-testid="channel-row"][data-channel-id="${channel.id}"]`)
  await row.getByRole('img', { name: PLATFORM_NAME }).waitFor()

  log(`type more than ${TEXT_MAX} characters for it in the composer`)
  await page.goto(cfg.baseUrl + '/posts/new')
  await page.getByTestId('composer-character').click()
  await page.getByRole('option').filter({ hasText: CHARACTER }).first().click()
  await page.getByTestId('composer-caption').fill('é'.repeat(TEXT_MAX + 5))
  const box = page.locator(`[data-testid="composer-channel"][data-channel-id="${channel.id}"][data-platform="${PLATFORM_TYPE}"]`)
  await box.check()
  const preview = page.locator(`[data-testid="channel-preview"][data-channel-id="${channel.id}"]`)
  const counter = preview.getByTestId('char-counter')
  await counter.filter({ hasText: `${TEXT_MAX + 5} / ${TEXT_MAX}` }).waitFor()
  if ((await counter.getAttribute('data-over')) !== 'true') throw new Error('the counter does not show the text as too long')
  await page.getByTestId('composer-caption').fill('é'.repeat(TEXT_MAX))
  await counter.filter({ hasText: `${TEXT_MAX} / ${TEXT_MAX}` }).waitFor()
  if ((await counter.getAttribute('data-over')) !== null) throw new Error('the counter shows a text at the limit as too long')
  await page.screenshot({ path: join(outDir, 'descriptors-composer.png'), fullPage: true })

  log(`open the backend form and pick the type “${BACKEND_TYPE_NAME}”`)
  await page.goto(cfg.baseUrl + '/system/backends')
  await page.getByTestId('add-backend').first().click()
  await page.getByTestId('backend-dialog').waitFor()
  await page.getByTestId('backend-type').click()
  const type = page.getByRole('option').filter({ hasText: BACKEND_TYPE_NAME }).first()
  await type.waitFor()
  await type.click()
  await page.getByTestId(`backend-option-${BACKEND_OPTION}`).waitFor()
  await page.screenshot({ path: join(outDir, 'descriptors-backend.png'), fullPage: true })

  console.log('E2E PASSED: an unknown platform and backend type are listed, connected and counted from their descriptors')
  console.log('1 passed, 0 failed')
  await browser.close()
  process.exit(0)
} catch (e) {
  await reportFailure(session, step.current, e)
}

#!/usr/bin/env node
// Browser test of "connect account" by OAuth: System → Platform apps → register the app (redirect URI shown) →
// Test public URL → Channels → Connect account → the platform's consent (a fake OAuth server that redirects
// straight back) → the account picker → the new channel on the Channels page.
//
// Env: BASE_URL, TROUPE_EMAIL, TROUPE_PASSWORD (an owner), OAUTH_PLATFORM (default fake-oauth),
//      CLIENT_ID, CLIENT_SECRET, ACCOUNT_ID (the account to pick), ACCOUNT_NAME (its name on the channel),
//      PUBLIC_URL (Troupe's configured public address; requests to it are sent to BASE_URL, as a proxy would),
//      CHARACTER_NAME, CHROME_PATH, E2E_TIMEOUT_MS, E2E_HEADFUL=1 to watch.
import { commonEnv, env, launch, login, reportFailure, steps } from './lib.mjs'

const cfg = commonEnv()
const PLATFORM = process.env.OAUTH_PLATFORM || 'fake-oauth'
const CLIENT_ID = env('CLIENT_ID')
const CLIENT_SECRET = env('CLIENT_SECRET')
const ACCOUNT_ID = env('ACCOUNT_ID')
const ACCOUNT_NAME = env('ACCOUNT_NAME')
const PUBLIC_URL = env('PUBLIC_URL')
const CHARACTER = env('CHARACTER_NAME')

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session

try {
  // the platform sends the browser back to the public address; here that is the test server
  if (PUBLIC_URL !== cfg.baseUrl) {
    await page.route(
      (url) => url.href.startsWith(PUBLIC_URL + '/'),
      (route) => route.continue({ url: cfg.baseUrl + route.request().url().slice(PUBLIC_URL.length) }),
    )
  }

  log('sign in and open System → Platform apps')
  await login(page, cfg)
  await page.goto(cfg.baseUrl + '/system/platform-apps')
  const card = page.getByTestId(`platform-app-${PLATFORM}`)
  await card.waitFor()
  const redirect = await card.getByTestId(`redirect-uri-${PLATFORM}`).textContent()
  if (!redirect?.endsWith(`/oauth/callback/${PLATFORM}`)) throw new Error(`redirect URI shown: ${redirect}`)

  log('register the app')
  await card.getByLabel('App (client) ID').fill(CLIENT_ID)
  await card.getByLabel('App secret').fill(CLIENT_SECRET)
  const [saved] = await Promise.all([
    page.waitForResponse((r) => r.url().includes(`/api/v1/platform-apps/${PLATFORM}`) && r.request().method() === 'PUT'),
    card.getByTestId(`save-app-${PLATFORM}`).click(),
  ])
  if (!saved.ok()) throw new Error(`saving the app answered ${saved.status()}`)
  await page.getByText('App saved').first().waitFor()

  log('test the public URL')
  await page.getByTestId('test-public-url').click()
  await page.getByTestId('public-url-result').waitFor()

  log('Channels → Connect account')
  await page.goto(cfg.baseUrl + '/channels')
  await page.getByTestId('connect-account').click()
  const dialog = page.getByTestId('connect-account-dialog')
  await dialog.getByTestId('connect-platform').click()
  await page.getByRole('option', { name: PLATFORM }).click()
  await dialog.getByLabel('Character').click()
  await page.getByRole('option', { name: CHARACTER }).click()

  log('consent on the platform and come back to the account picker')
  await dialog.getByTestId('connect-start').click()
  const picker = page.getByTestId('account-picker')
  await picker.waitFor({ timeout: 30000 })
  await picker.getByTestId(`pick-${ACCOUNT_ID}`).check()
  const [created] = await Promise.all([
    page.waitForResponse((r) => /\/api\/v1\/connections\/[^/]+\/channels$/.test(r.url()) && r.request().method() === 'POST'),
    picker.getByTestId('create-channels').click(),
  ])
  if (created.status() !== 201) throw new Error(`creating the channels answered ${created.status()}`)

  log('the new channel is listed')
  await page.getByTestId('channels-list').getByText(ACCOUNT_NAME).first().waitFor()

  console.log('E2E PASSED: platform app registered, account connected by OAuth and picked')
  console.log('1 passed, 0 failed')
  await browser.close()
  process.exit(0)
} catch (e) {
  await reportFailure(session, step.current, e)
}

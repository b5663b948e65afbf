// The newcomer's path on a fresh server, in Chromium: create the owner with the setup code → the first-run
// checklist → import a card → connect the Feed (a platform picker, ready at once, its public addresses) → "n" for
// a new post → "Publish now" (a studio of one approves its own post) → the post on the public feed → the Posts
// page. axe-core checks every page on the way; screenshots of every step are kept in e2e/out when a step fails.
//
// Env: BASE_URL, SETUP_CODE (from the server's log), CARD_PNG, CHROME_PATH; TROUPE_EMAIL / TROUPE_PASSWORD are
// the owner to create.
import { resolve } from 'node:path'
import { checkAccessibility, commonEnv, env, launch, recordedSteps, reportFailure } from './lib.mjs'

const cfg = commonEnv()
const SETUP_CODE = env('SETUP_CODE')
const CARD_PNG = resolve(env('CARD_PNG'))
const stamp = Date.now().toString(36)
const handle = `newcomer-${stamp}`
const caption = `Hello from a fresh studio ${stamp}`

const session = await launch(cfg)
const { browser, page } = session
const step = recordedSteps('newcomer', () => page)

try {
  await step.log('a fresh server opens on the setup page')
  await page.goto(cfg.baseUrl + '/', { waitUntil: 'domcontentloaded' })
  await page.waitForURL(/\/setup$/)
  await checkAccessibility(page, 'Setup')

  await step.log('create the owner with the setup code')
  await page.getByLabel('Setup code').fill(SETUP_CODE)
  await page.getByLabel('Email').fill(cfg.email)
  await page.getByLabel('Display name').fill('Newcomer Owner')
  await page.getByLabel('Password', { exact: true }).fill(cfg.password)
  await page.getByLabel('Repeat password').fill(cfg.password)
  await page.getByRole('button', { name: 'Create owner account' }).click()
  await page.getByRole('heading', { name: 'Characters', level: 1 }).waitFor()
  await page.getByRole('button', { name: /Newcomer Owner/ }).waitFor() // the user menu reads as the person's name

  await step.log('the first-run checklist shows four steps, none done')
  const checklist = page.getByTestId('first-run-checklist')
  await checklist.waitFor()
  for (const id of ['checklist-character', 'checklist-channel', 'checklist-post']) {
    if ((await page.getByTestId(id).getAttribute('data-done')) !== 'false') throw new Error(`${id} is done on a fresh server`)
  }
  await checkAccessibility(page, 'Characters (first run)')

  await step.log('import a character card from the checklist')
  await checklist.getByRole('link', { name: 'Import a card' }).click()
  await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles(CARD_PNG)
  await page.getByTestId('import-preview-name').waitFor()
  await checkAccessibility(page, 'Import')
  await page.getByLabel('Handle').fill(handle)
  await page.getByTestId('save-import').click()
  await page.waitForURL((u) => /\/characters\/[^/]+$/.test(u.pathname) && !/\/(import|new)$/.test(u.pathname))
  await page.getByTestId('character-title').waitFor()
  await checkAccessibility(page, 'Character editor')

  await step.log('connect the Feed: the dialog starts with a platform picker, nothing chosen')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Channels' }).click()
  await page.getByTestId('connect-channel').click()
  const dialog = page.getByTestId('channel-dialog')
  await dialog.getByTestId('channel-platform-picker').waitFor()
  if ((await dialog.getByRole('radio', { checked: true }).count()) !== 0) throw new Error('a platform was preselected')
  await checkAccessibility(page, 'Connect dialog')
  await dialog.locator('[data-testid="channel-platform-card"][data-platform="feed"]').click()
  const [created] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/v1/channels'),
    dialog.getByTestId('channel-save').click(),
  ])
  if (created.status() !== 201) throw new Error(`POST /api/v1/channels answered ${created.status()}`)
  const channel = await created.json()

  await step.log('the Feed is ready at once and shows its public page and feed addresses')
  const row = page.locator(`[data-testid="channel-row"][data-channel-id="${channel.id}"]`)
  await row.getByTestId('channel-addresses').waitFor()
  if ((await row.getAttribute('data-status')) !== 'OK') throw new Error('the new Feed channel is not OK')
  if (await row.getByText('Account not verified yet').count()) throw new Error('the Feed asks to be verified')
  const addresses = await row.getByTestId('channel-address').allTextContents()
  const publicPage = addresses.map((a) => a.trim()).find((a) => a.endsWith(`/feeds/${handle}`))
  if (!publicPage || !addresses.some((a) => a.includes('/rss.xml'))) throw new Error(`addresses shown: ${addresses.join(', ')}`)
  await checkAccessibility(page, 'Channels')

  await step.log('press n for a new post')
  await page.locator('body').press('n')
  await page.waitForURL(/\/posts\/new$/)
  await page.getByTestId('composer-caption').fill(caption)
  await page.locator(`[data-testid="composer-channel"][data-channel-id="${channel.id}"]`).check()
  await page.getByTestId('composer-fast-path-note').waitFor()
  await checkAccessibility(page, 'Composer')

  await step.log('publish it now: the owner approves their own post in a studio of one')
  await page.getByTestId('composer-publish-now').click()
  await page.waitForURL((u) => /\/posts\/[0-9a-f-]{36}$/.test(u.pathname))
  const postId = new URL(page.url()).pathname.split('/').pop()
  // published by the background scheduler: allow for a busy machine
  await page.locator('[data-testid="publication"][data-state="PUBLISHED"]').first().waitFor({ timeout: 90000 })

  await step.log('the post is on the public feed')
  await page.goto(publicPage)
  await page.getByText(caption).first().waitFor()

  await step.log('the Posts page lists it as published, and the self-approval was audited')
  await page.goto(cfg.baseUrl + '/posts')
  await page.locator(`[data-testid="posts-row"][data-post-id="${postId}"][data-state="PUBLISHED"]`).waitFor()
  await checkAccessibility(page, 'Posts')
  const audit = await page.evaluate(async () => (await fetch('/api/v1/audit?limit=50')).text())
  if (!audit.includes('selfApproval')) throw new Error('no self-approval in the audit log')

  await step.log('the checklist has only the generation server left, or is gone when the server has one')
  const backends = await page.evaluate(async () => (await (await fetch('/api/v1/backends')).json()).length)
  await page.goto(cfg.baseUrl + '/characters')
  await page.getByRole('heading', { name: 'Characters', level: 1 }).waitFor()
  await page.waitForLoadState('networkidle')
  if (backends > 0) {
    if (await page.getByTestId('first-run-checklist').count()) throw new Error('the checklist stays though every step is done')
  } else {
    await page.getByTestId('checklist-backend').waitFor()
    for (const id of ['checklist-character', 'checklist-channel', 'checklist-post']) {
      if ((await page.getByTestId(id).getAttribute('data-done')) !== 'true') throw new Error(`${id} is not done`)
    }
  }

  await step.log('Settings explains that owner self-approval is on while the studio has one member')
  await page.goto(cfg.baseUrl + '/settings')
  const note = page.getByTestId('settings-self-approval-note')
  await note.filter({ hasText: 'one member' }).waitFor()
  if ((await page.getByTestId('settings-self-approval').getAttribute('aria-checked')) !== 'true') throw new Error('self-approval is off in a studio of one')
  await checkAccessibility(page, 'Settings')

  for (const [path, name] of [
    ['/review', 'Review'],
    ['/calendar', 'Calendar'],
    ['/studio', 'Studio'],
    ['/system', 'System'],
    ['/settings/users', 'Users'],
    [`/posts/${postId}`, 'Post'],
  ]) {
    await step.log(`axe-core on ${name}`)
    await page.goto(cfg.baseUrl + path)
    await page.getByRole('heading', { level: 1 }).first().waitFor()
    await page.waitForLoadState('networkidle')
    await checkAccessibility(page, name)
  }

  await step.log('sign out')
  await page.getByTestId('user-menu').click()
  await page.getByRole('menuitem', { name: 'Sign out' }).click()
  await page.getByRole('button', { name: 'Sign in' }).waitFor()
  await checkAccessibility(page, 'Sign in')

  console.log('1 passed, 0 failed')
  await browser.close()
} catch (e) {
  step.keep()
  await reportFailure(session, step.current, e)
}

#!/usr/bin/env node
// Browser test of the Characters flow: login → import a card PNG → edit → reload → export PNG.
//
// Env: BASE_URL (e.g. http://localhost:8080), TROUPE_EMAIL, TROUPE_PASSWORD, CARD_PNG (path to a card PNG),
//      CHROME_PATH (default /usr/bin/chromium), E2E_TIMEOUT_MS (per step, default 30000), E2E_HEADFUL=1 to watch.
// Exit code 0 on success; 1 with a message naming the failed step otherwise.
import { readFileSync, existsSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { inflateSync } from 'node:zlib'
import { commonEnv, env, fail, launch, login, outDir, reportFailure, steps } from './lib.mjs'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Text chunks of a PNG as { keyword: text } (tEXt, zTXt and iTXt; later chunks do not overwrite earlier ones). */
function pngTextChunks(buf) {
  if (buf.length < 8 || !buf.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error('not a PNG (bad signature)')
  const out = {}
  let pos = 8
  while (pos + 8 <= buf.length) {
    const len = buf.readUInt32BE(pos)
    const type = buf.toString('latin1', pos + 4, pos + 8)
    const data = buf.subarray(pos + 8, pos + 8 + len)
    pos += 12 + len
    if (type === 'tEXt' || type === 'zTXt' || type === 'iTXt') {
      const nul = data.indexOf(0)
      if (nul < 0) continue
      const key = data.toString('latin1', 0, nul)
      let text
      if (type === 'tEXt') text = data.toString('latin1', nul + 1)
      else if (type === 'zTXt') text = inflateSync(data.subarray(nul + 2)).toString('latin1')
      else {
        const compressed = data[nul + 1] === 1
        let p = nul + 3
        const langEnd = data.indexOf(0, p)
        p = data.indexOf(0, langEnd + 1) + 1
        const raw = data.subarray(p)
        text = (compressed ? inflateSync(raw) : raw).toString('utf8')
      }
      if (!(key in out)) out[key] = text
    }
    if (type === 'IEND') break
  }
  return out
}

function decodeCard(base64) {
  return JSON.parse(Buffer.from(base64.trim(), 'base64').toString('utf8'))
}

const cfg = commonEnv()
const BASE_URL = cfg.baseUrl
const CARD_PNG = resolve(env('CARD_PNG'))

if (!existsSync(CARD_PNG)) fail(`CARD_PNG ${CARD_PNG} does not exist`)

// The name the preview must show comes from the card itself.
let expectedName
try {
  const chunks = pngTextChunks(readFileSync(CARD_PNG))
  const raw = chunks.ccv3 ?? chunks.chara
  if (!raw) throw new Error('it has neither a ccv3 nor a chara chunk')
  const card = decodeCard(raw)
  expectedName = card?.data?.name ?? card?.name
  if (!expectedName) throw new Error('its card has no name')
} catch (e) {
  fail(`cannot read the card in CARD_PNG ${CARD_PNG}: ${e.message}`)
}

const stamp = Date.now().toString(36)
const marker = `E2E-EDIT-${stamp}`
const handle = `e2e-${stamp}`

const step = steps()
const log = step.log
const session = await launch(cfg)
const { browser, page } = session

try {
  log(`open ${BASE_URL} and sign in`)
  await login(page, cfg)

  log('go to Characters')
  await page.getByRole('navigation', { name: 'Main navigation' }).getByRole('link', { name: 'Characters' }).click()
  await page.waitForURL(/\/characters$/)
  await page.getByRole('heading', { name: 'Characters', level: 1 }).waitFor()

  log('open the importer')
  await page.getByTestId('import-card').click()
  await page.getByTestId('import-dropzone').waitFor()

  log(`import ${CARD_PNG} (dry run)`)
  await page.getByTestId('import-dropzone').locator('input[type=file]').setInputFiles(CARD_PNG)
  await page.getByTestId('import-preview-name').filter({ hasText: expectedName }).waitFor()
  console.log(`  preview shows “${expectedName}”`)

  log('save the imported character')
  await page.getByLabel('Handle').fill(handle)
  await page.getByTestId('save-import').click()
  await page.waitForURL((u) => /\/characters\/[^/]+$/.test(u.pathname) && !/\/(import|new)$/.test(u.pathname))
  const characterId = new URL(page.url()).pathname.split('/').pop()
  console.log(`  saved as ${characterId} (@${handle})`)
  await page.getByTestId('character-title').filter({ hasText: expectedName }).waitFor()

  log('edit the description')
  await page.getByRole('tab', { name: 'Persona' }).click()
  const description = page.getByLabel('Description', { exact: true })
  const before = await description.inputValue()
  const edited = `${before}${before ? '\n\n' : ''}${marker}`
  await description.fill(edited)
  const [patch] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'PATCH' && r.url().includes(`/api/v1/characters/${characterId}`)),
    page.getByTestId('save-character').click(),
  ])
  if (!patch.ok()) throw new Error(`PATCH answered ${patch.status()}: ${(await patch.text()).slice(0, 300)}`)

  log('reload and check the edit persisted')
  await page.reload({ waitUntil: 'domcontentloaded' })
  await page.getByRole('tab', { name: 'Persona' }).click()
  const persisted = page.getByLabel('Description', { exact: true })
  await persisted.waitFor()
  const value = await persisted.inputValue()
  if (!value.includes(marker)) throw new Error(`after reload the description does not contain ${marker}: ${JSON.stringify(value.slice(-200))}`)
  await page.screenshot({ path: join(outDir, 'character-edit.png'), fullPage: false })

  log('export PNG')
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-png').click()])
  const failure = await download.failure()
  if (failure) throw new Error(`download failed: ${failure}`)
  const exported = join(outDir, download.suggestedFilename() || 'export.png')
  await download.saveAs(exported)
  const bytes = readFileSync(exported)
  if (!bytes.subarray(0, 8).equals(PNG_SIGNATURE)) throw new Error(`${exported} does not start with the PNG signature`)
  const chunks = pngTextChunks(bytes)
  if (!chunks.ccv3) throw new Error(`exported PNG has no ccv3 chunk (text chunks: ${Object.keys(chunks).join(', ') || 'none'})`)
  if (!chunks.chara) console.warn('  warning: exported PNG has no chara (V2) chunk')
  const v3 = decodeCard(chunks.ccv3)
  if (v3.spec !== 'chara_card_v3') throw new Error(`ccv3 chunk has spec ${JSON.stringify(v3.spec)}, expected "chara_card_v3"`)
  if (!String(v3?.data?.description ?? '').includes(marker)) {
    throw new Error(`ccv3 data.description does not contain ${marker}: ${JSON.stringify(String(v3?.data?.description).slice(-200))}`)
  }
  console.log(`  ${exported}: PNG, ccv3 card carries the edit`)

  log('screenshot the Characters list')
  await page.goto(BASE_URL + '/characters', { waitUntil: 'domcontentloaded' })
  await page.getByTestId('character-card').filter({ hasText: expectedName }).first().waitFor()
  await page.waitForLoadState('networkidle').catch(() => {})
  await page.screenshot({ path: join(outDir, 'characters.png'), fullPage: true })

  console.log('E2E PASSED: import, edit, reload and PNG export all work')
  console.log('1 passed, 0 failed')
  await browser.close()
  process.exit(0)
} catch (e) {
  await reportFailure(session, step.current, e)
}

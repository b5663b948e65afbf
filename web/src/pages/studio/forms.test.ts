import { describe, expect, it } from 'vitest'
import { initialDrafts, toInput } from './forms'

describe('studio form to generation input', () => {
  it('maps an image draft with a preset size', () => {
    const drafts = initialDrafts()
    drafts.IMAGE = { ...drafts.IMAGE, prompt: '  a harbour at dawn ', size: '832x1216', cfg: '6.5', seed: '42' }
    const { input, errors } = toInput('IMAGE', drafts)
    expect(errors).toEqual({})
    expect(input).toMatchObject({ prompt: 'a harbour at dawn', width: 832, height: 1216, cfg: 6.5, seed: 42 })
  })

  it('names the fields of a bad custom size', () => {
    const drafts = initialDrafts()
    drafts.IMAGE = { ...drafts.IMAGE, prompt: 'x', size: 'custom', width: '1001', height: '9000', cfg: '31' }
    const { errors } = toInput('IMAGE', drafts)
    expect(errors.width).toBe('Width must be a multiple of 8')
    expect(errors.height).toBeDefined()
    expect(errors.cfg).toBe('CFG must be a number from 0 to 30')
  })

  it('asks for a platform for captions', () => {
    const drafts = initialDrafts()
    drafts.CAPTION = { ...drafts.CAPTION, idea: 'sunset', platforms: [] }
    expect(toInput('CAPTION', drafts).errors.platforms).toBe('Pick at least one platform')
    drafts.CAPTION.platforms = ['pigeon']
    expect(toInput('CAPTION', drafts)).toEqual({ input: { idea: 'sunset', assetId: undefined, platforms: ['pigeon'] }, errors: {} })
  })
})

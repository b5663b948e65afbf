import { describe, expect, it } from 'vitest'
import { faceText } from './face'
import type { FaceCheck } from '@/lib/model'

const check = (f: Partial<FaceCheck>) => f as FaceCheck

describe('faceText', () => {
  it('shows the score, and the threshold when flagged', () => {
    expect(faceText(check({ status: 'checked', similarity: 0.8234, threshold: 0.6, flagged: false }))).toBe('Face 0.82')
    expect(faceText(check({ status: 'checked', similarity: 0.41, threshold: 0.6, flagged: true }))).toBe('Face 0.41 · below 0.6')
  })

  it('never shows a number when not checked or failed', () => {
    expect(faceText(check({ status: 'not-checked', similarity: null as unknown as number }))).toBe('Face: not checked')
    expect(faceText(check({ status: 'failed', similarity: null as unknown as number, reason: 'check failed: no face' }))).toBe('Face: check failed')
    expect(faceText(undefined)).toBe('Face: not checked')
  })
})

import { describe, expect, it } from 'vitest'
import { approveBlock, formatInZone, isOwnPost, stateTone, toZonedLocal } from './publishing'
import type { User } from './model'

describe('time zones', () => {
  it('shows an instant as wall-clock time in the character’s zone', () => {
    expect(toZonedLocal('2026-07-01T12:00:00Z', 'America/New_York')).toBe('2026-07-01T08:00')
    expect(toZonedLocal('2026-12-01T12:00:00Z', 'America/New_York')).toBe('2026-12-01T07:00')
    expect(toZonedLocal('2026-12-31T23:30:00Z', 'Asia/Tokyo')).toBe('2027-01-01T08:30')
    expect(toZonedLocal('2026-03-29T00:59:00Z', 'Europe/Berlin')).toBe('2026-03-29T01:59')
    expect(toZonedLocal('2026-03-29T01:00:00Z', 'Europe/Berlin')).toBe('2026-03-29T03:00')
  })

  it('falls back to UTC without a zone and to nothing for a bad instant', () => {
    expect(toZonedLocal('2026-07-01T12:00:00Z', '')).toBe('2026-07-01T12:00')
    expect(toZonedLocal('not a date', 'UTC')).toBe('')
    expect(formatInZone(null, 'UTC')).toBe('—')
  })
})

describe('posts', () => {
  it('groups states into the calendar’s colours', () => {
    expect(stateTone('IN_FLIGHT')).toBe('publishing')
    expect(stateTone('REJECTED')).toBe('draft')
    expect(stateTone('CANCELLED')).toBe('cancelled')
  })

  it('knows a user’s own post by id or email', () => {
    const user = { id: 'u1', email: 'Ana@Example.org', displayName: 'Ana', role: 'EDITOR', disabled: false, createdAt: '' } as const
    expect(isOwnPost({ createdBy: 'u1' }, user)).toBe(true)
    expect(isOwnPost({ createdBy: 'ana@example.org' }, user)).toBe(true)
    expect(isOwnPost({ createdBy: 'u2' }, user)).toBe(false)
  })
})

describe('approving', () => {
  const owner = { id: 'u1', email: 'ana@example.org', role: 'OWNER' } as User
  const reviewer = { id: 'u2', email: 'rui@example.org', role: 'REVIEWER' } as User
  const editor = { id: 'u3', email: 'eve@example.org', role: 'EDITOR' } as User
  const viewer = { id: 'u4', email: 'vic@example.org', role: 'VIEWER' } as User
  const byOwner = { createdBy: 'ana@example.org', editors: [] }
  const editedByOwner = { createdBy: 'eve@example.org', editors: ['ANA@example.org'] }

  it('blocks an owner on their own post while owner self-approval is off, as the server answers 403', () => {
    expect(approveBlock(owner, byOwner, false)).toMatch(/owners approving their own posts is off \(Settings\)/)
    expect(approveBlock(owner, editedByOwner, false)).not.toBeNull()
    expect(approveBlock(owner, byOwner, undefined)).not.toBeNull()
    expect(approveBlock(owner, byOwner, true)).toBeNull()
  })

  it('lets anyone who reviews approve what others wrote, and nobody but an owner their own', () => {
    expect(approveBlock(owner, { createdBy: 'eve@example.org', editors: [] }, false)).toBeNull()
    expect(approveBlock(reviewer, byOwner, undefined)).toBeNull()
    expect(approveBlock(editor, editedByOwner, true)).toMatch(/another reviewer or an owner/)
    expect(approveBlock(editor, byOwner, undefined)).toBeNull()
    expect(approveBlock(viewer, byOwner, true)).toMatch(/Only reviewers/)
  })
})

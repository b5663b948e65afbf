export type Role = 'VIEWER' | 'REVIEWER' | 'EDITOR' | 'OWNER'
export const ROLES: Role[] = ['VIEWER', 'REVIEWER', 'EDITOR', 'OWNER']

export interface User {
  id: string
  email: string
  displayName: string
  role: Role
  disabled?: boolean
  createdAt?: string
}

export interface ApiToken {
  id: string
  name: string
  createdAt: string
  lastUsedAt: string | null
  revoked: boolean
}

export interface LorebookEntry {
  keys: string[]
  content: string
  enabled: boolean
  insertion_order: number
  comment?: string
  extensions?: Record<string, unknown>
  [key: string]: unknown
}

export interface CharacterBook {
  entries: LorebookEntry[]
  extensions?: Record<string, unknown>
  [key: string]: unknown
}

export interface Persona {
  description: string
  personality: string
  scenario: string
  first_mes: string
  mes_example: string
  system_prompt: string
  post_history_instructions: string
  alternate_greetings: string[]
  character_book: CharacterBook | null
  tags: string[]
  creator: string
  character_version: string
  creator_notes: string
  extensions: Record<string, unknown>
  nickname?: string | null
  creator_notes_multilingual?: Record<string, string> | null
  source?: string[] | null
  group_only_greetings?: string[]
  creation_date?: number | null
  modification_date?: number | null
  assets?: unknown
  [key: string]: unknown
}

export interface Lora {
  name: string
  weight: number
}

export type FaceMethod = 'NONE' | 'IP_ADAPTER_FACEID' | 'INSTANTID' | 'PULID'
export type SeedPolicy = 'RANDOM' | 'FIXED' | 'INCREMENT'

export interface Visual {
  referenceAssetIds: string[]
  basePrompt: string
  negativePrompt: string
  checkpoint: string
  loras: Lora[]
  faceMethod: FaceMethod
  seedPolicy: SeedPolicy
  seed: number | null
}

export interface Consent {
  speaker: string
  statement: string
  recordedAt?: string | null
  recordedBy?: string | null
}

export interface Voice {
  referenceClipAssetId: string | null
  ttsVoice: string
  ttsLanguage: string
  consent: Consent | null
}

export interface Preferences {
  pillars: string[]
  tone: string
  hashtags: string[]
  bannedWords: string[]
  bannedTopics: string[]
  disclosure: string
}

export interface Character {
  id: string
  version: number
  createdAt: string
  updatedAt: string
  name: string
  handle: string
  bio: string
  avatarAssetId: string | null
  language: string
  timeZone: string
  persona: Persona
  visual: Visual
  voice: Voice
  preferences: Preferences
}

export function canEdit(role: Role | undefined): boolean {
  return role === 'EDITOR' || role === 'OWNER'
}

export function emptyCharacter(): Character {
  return {
    id: '',
    version: 0,
    createdAt: '',
    updatedAt: '',
    name: '',
    handle: '',
    bio: '',
    avatarAssetId: null,
    language: 'en',
    timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    persona: {
      description: '',
      personality: '',
      scenario: '',
      first_mes: '',
      mes_example: '',
      system_prompt: '',
      post_history_instructions: '',
      alternate_greetings: [],
      character_book: null,
      tags: [],
      creator: '',
      character_version: '',
      creator_notes: '',
      extensions: {},
    },
    visual: {
      referenceAssetIds: [],
      basePrompt: '',
      negativePrompt: '',
      checkpoint: '',
      loras: [],
      faceMethod: 'NONE',
      seedPolicy: 'RANDOM',
      seed: null,
    },
    voice: { referenceClipAssetId: null, ttsVoice: '', ttsLanguage: '', consent: null },
    preferences: { pillars: [], tone: '', hashtags: [], bannedWords: [], bannedTopics: [], disclosure: '' },
  }
}

/** Fills gaps in a character from the server so the editor never meets undefined. */
export function normalizeCharacter(c: Partial<Character>): Character {
  const base = emptyCharacter()
  return {
    ...base,
    ...c,
    bio: c.bio ?? '',
    handle: c.handle ?? '',
    language: c.language ?? '',
    timeZone: c.timeZone ?? '',
    persona: {
      ...base.persona,
      ...(c.persona ?? {}),
      alternate_greetings: c.persona?.alternate_greetings ?? [],
      tags: c.persona?.tags ?? [],
      extensions: c.persona?.extensions ?? {},
    } as Persona,
    visual: { ...base.visual, ...(c.visual ?? {}), loras: c.visual?.loras ?? [], referenceAssetIds: c.visual?.referenceAssetIds ?? [] },
    voice: { ...base.voice, ...(c.voice ?? {}) },
    preferences: {
      ...base.preferences,
      ...(c.preferences ?? {}),
      pillars: c.preferences?.pillars ?? [],
      hashtags: c.preferences?.hashtags ?? [],
      bannedWords: c.preferences?.bannedWords ?? [],
      bannedTopics: c.preferences?.bannedTopics ?? [],
    },
  }
}

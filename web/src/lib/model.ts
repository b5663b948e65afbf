import type { components } from './api-schema'

/**
 * The dashboard's names for the API's types. Everything here comes from the server's OpenAPI document
 * (web/openapi.json, generated into api-schema.d.ts at build time); only the persona is typed here, since the
 * server keeps it as the free-form Character Card V2/V3 data object.
 */
type Schemas = components['schemas']

export type User = Schemas['UserView']
export type Role = User['role']
export const ROLES: Role[] = ['VIEWER', 'REVIEWER', 'EDITOR', 'OWNER']
export type ApiToken = Schemas['TokenView']

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

export type Lora = Schemas['Lora']
/** The server sends null for what is not set; its document does not say which properties may be null. */
export type Visual = Omit<Schemas['VisualIdentity'], 'seed'> & { seed: number | null }
export type FaceMethod = Visual['faceMethod']
export type SeedPolicy = Visual['seedPolicy']
export type Consent = Omit<Schemas['Consent'], 'recordedAt' | 'recordedBy'> & { recordedAt?: string | null; recordedBy?: string | null }
export type Voice = Omit<Schemas['VoiceIdentity'], 'referenceClipAssetId' | 'consent'> & {
  referenceClipAssetId: string | null
  consent: Consent | null
}
export type Preferences = Schemas['ContentPreferences']
export type CharacterInput = Schemas['CharacterInput']
export type Character = Omit<Schemas['Character'], 'persona' | 'avatarAssetId' | 'visual' | 'voice'> & {
  persona: Persona
  avatarAssetId: string | null
  visual: Visual
  voice: Voice
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

// ── Generation backends (System → Backends) ──────────────────────────────────

export type BackendHealth = Schemas['HealthView']
export type Backend = Schemas['BackendView']
export type BackendInput = Schemas['BackendInput']
export type BackendTypeDescriptor = Schemas['BackendTypeDescriptor']
export type BackendOption = Schemas['Option']

export type HealthState = 'usable' | 'degraded' | 'down' | 'unknown'

/** Green when usable, amber when reachable but missing nodes (or reporting a problem), red when unreachable. */
export function healthState(h: BackendHealth | null | undefined): HealthState {
  if (!h || (!h.checkedAt && !h.reachable && !h.error)) return 'unknown'
  if (!h.reachable) return 'down'
  if (h.usable ?? ((h.missingNodes?.length ?? 0) === 0 && !h.error)) return 'usable'
  return 'degraded'
}

// ── Generations (Studio) ─────────────────────────────────────────────────────

export type JobOutput = Schemas['Output']
export type FaceCheck = Schemas['FaceCheck']
export type AssetFaceCheck = Schemas['AssetFaceCheck']
export type QualityFlag = Schemas['Quality']['flags'][number]

export interface CaptionEntry {
  platform: string
  text: string
  hashtags: string[]
  altText?: string | null
}

export interface PlanIdea {
  date?: string | null
  pillar?: string | null
  title: string
  imagePrompt?: string | null
  captionIdea?: string | null
}

/** A generation job; its input and structured result are free-form JSON on the server. */
/** A lorebook entry a job's prompt used, why it was activated, and where it went. */
export interface LoreUse {
  name: string
  reason: string
  position: string
}

export type Job = Omit<Schemas['GenerationJob'], 'input' | 'structured' | 'loreUsed'> & {
  input: Record<string, unknown>
  loreUsed?: LoreUse[]
  structured: { captions?: CaptionEntry[]; ideas?: PlanIdea[]; [key: string]: unknown } | null
}
/** What the Studio generates; REPLY jobs are the inbox's drafts, started from the Inbox page. */
export type JobKind = Exclude<Job['kind'], 'REPLY'>
export type JobStatus = Job['status']

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'QUEUED' || job.status === 'RUNNING'
}

// ── Posts, channels and publishing ───────────────────────────────────────────

export function canReview(role: Role | undefined): boolean {
  return role === 'REVIEWER' || role === 'EDITOR' || role === 'OWNER'
}

export type Post = Schemas['Post']
export type PostState = Post['state']
export type PostMedia = Schemas['Media']
export type PostVariant = Schemas['Variant']
/** A user reference as the server sends it (a user id). */
export type PersonRef = string | null
export type QueueSlot = Schemas['Slot']
export type ChannelAccount = Schemas['AccountInfo']
export type Channel = Schemas['Channel']
export type ChannelInput = Schemas['ChannelInput']
/** The document does not say which properties may be null; alt text may (none given). */
export type PostInput = Schemas['PostInput']
export type Publication = Schemas['Publication']
export type PublicationState = Publication['state']
export type PublicationAttempt = Schemas['Attempt']
export type CalendarEvent = Schemas['CalendarEntry']
export type AppNotification = Schemas['Notification']
export type BulkResult = Schemas['BulkResult']
export type PlatformDescriptor = Schemas['PlatformDescriptor']
export type TextRules = Schemas['TextRules']
export type ConnectField = Schemas['Field']
export type PlatformSetting = Schemas['Setting']

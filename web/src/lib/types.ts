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

// ── Generation backends (System → Backends) ──────────────────────────────────

export type BackendType = 'comfyui' | 'a1111' | 'ollama' | 'openai' | 'llamacpp' | 'xtts' | 'espeak'
export const BACKEND_TYPES: BackendType[] = ['comfyui', 'a1111', 'ollama', 'openai', 'llamacpp', 'xtts', 'espeak']

export interface BackendHealth {
  reachable: boolean
  /** Reachable, no missing nodes and no error (sent by the server; derived when absent). */
  usable?: boolean
  version: string | null
  models: string[]
  missingNodes: string[]
  queueDepth: number | null
  error: string | null
  checkedAt: string | null
}

export interface Backend {
  id: string
  type: BackendType | string
  baseUrl: string | null
  hasApiKey: boolean
  maxConcurrent: number
  enabled: boolean
  options: Record<string, string>
  source: 'config' | 'database' | string
  running: number
  queued: number
  health: BackendHealth | null
}

export type HealthState = 'usable' | 'degraded' | 'down' | 'unknown'

/** Green when usable, amber when reachable but missing nodes (or reporting a problem), red when unreachable. */
export function healthState(h: BackendHealth | null | undefined): HealthState {
  if (!h || (!h.checkedAt && !h.reachable && !h.error)) return 'unknown'
  if (!h.reachable) return 'down'
  if (h.usable ?? ((h.missingNodes?.length ?? 0) === 0 && !h.error)) return 'usable'
  return 'degraded'
}

// ── Generations (Studio) ─────────────────────────────────────────────────────

export type JobKind = 'IMAGE' | 'VIDEO' | 'CAPTION' | 'VOICE' | 'CONTENT_PLAN'
export type JobStatus = 'QUEUED' | 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'CANCELLED'

export interface JobProgress {
  fraction: number
  step: number | null
  total: number | null
  node: string | null
  hasPreview: boolean
}

export type QualityFlag = string | { code?: string; name?: string; message?: string; [key: string]: unknown }

export interface JobOutput {
  assetId: string
  contentType: string
  width: number | null
  height: number | null
  recipe: Record<string, unknown>
  quality: { passed: boolean; flags: QualityFlag[] } | null
}

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

export interface Job {
  id: string
  characterId: string
  kind: JobKind
  status: JobStatus
  progress: JobProgress | null
  backendId: string | null
  attempts: number
  error: string | null
  input: Record<string, unknown>
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  outputs: JobOutput[]
  text: string | null
  structured: { captions?: CaptionEntry[]; ideas?: PlanIdea[]; [key: string]: unknown } | null
  loreUsed?: LoreUse[]
}

/** A lorebook entry a job's prompt used, why it was activated, and where it went. */
export interface LoreUse {
  name: string
  reason: string
  position: string
}

export function isActive(job: Pick<Job, 'status'>): boolean {
  return job.status === 'QUEUED' || job.status === 'RUNNING'
}

// ── Posts, channels and publishing ───────────────────────────────────────────

export function canReview(role: Role | undefined): boolean {
  return role === 'REVIEWER' || role === 'EDITOR' || role === 'OWNER'
}

export type PostState = 'DRAFT' | 'IN_REVIEW' | 'APPROVED' | 'REJECTED' | 'SCHEDULED' | 'PUBLISHING' | 'PUBLISHED' | 'FAILED' | 'UNCONFIRMED'

export interface PostMedia {
  assetId: string
  altText: string | null
  contentType?: string | null
  width?: number | null
  height?: number | null
}

export interface PostVariant {
  caption: string | null
  options?: Record<string, unknown>
}

/** A user reference as the server may send it: an id/email string, or a small object. */
export type PersonRef = string | { id?: string; email?: string; displayName?: string; name?: string } | null

export interface Post {
  id: string
  characterId: string
  caption: string
  media: PostMedia[]
  channelIds: string[]
  variants: Record<string, PostVariant>
  state: PostState
  review: { by: PersonRef; at: string; comment: string | null } | null
  scheduledAt: string | null
  createdBy: PersonRef
  createdAt: string
  updatedAt: string
  version: number
}

export interface QueueSlot {
  day: string
  time: string
}

export interface ChannelAccount {
  name: string | null
  handle: string | null
  avatarUrl: string | null
  profileUrl: string | null
}

export interface Channel {
  id: string
  characterId: string
  platform: string
  name: string
  baseUrl: string | null
  hasCredentials: boolean
  settings: Record<string, unknown>
  autoApprove: boolean
  queueSlots: QueueSlot[]
  status: 'OK' | 'NEEDS_RECONNECT' | string
  statusReason: string | null
  account: ChannelAccount | null
  blockedUntil: string | null
  createdAt: string
}

export type PublicationState =
  | 'SCHEDULED'
  | 'DUE'
  | 'IN_FLIGHT'
  | 'RETRY_WAIT'
  | 'PENDING'
  | 'WAITING_FOR_CHANNEL'
  | 'PUBLISHED'
  | 'FAILED'
  | 'UNCONFIRMED'
  | 'CANCELLED'

export interface PublicationAttempt {
  number: number
  startedAt: string | null
  finishedAt: string | null
  outcome: string | null
  detail: string | null
}

export interface Publication {
  id: string
  postId: string
  channelId: string
  platform: string
  state: PublicationState | string
  dueAt: string | null
  remoteId: string | null
  url: string | null
  error: string | null
  attempts: PublicationAttempt[]
}

export interface CalendarEvent {
  publicationId: string
  postId: string
  characterId: string
  channelId: string
  platform: string
  state: PublicationState | PostState | string
  at: string
  caption: string | null
  thumbnailAssetId: string | null
}

export interface AppNotification {
  id: string
  at: string
  kind: string
  message: string
  postId: string | null
  channelId: string | null
  read: boolean
}

export interface BulkResult {
  id: string
  ok: boolean
  error?: string | null
}

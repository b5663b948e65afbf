import { Link } from 'react-router'
import { Check, ImageOff, Sparkles } from 'lucide-react'
import { thumbnailUrl } from '@/lib/api'
import type { Character, JobKind } from '@/lib/model'
import { cn } from '@/lib/utils'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Select } from '@/components/ui/select'
import { Checkbox } from '../character/common'
import { usePlatforms } from '@/lib/descriptors'
import { initialTalkingClip, talkingClipInput, type TalkingClipDraft } from './TalkingClipForm'

// ── Drafts: what each form holds (strings, as typed) ─────────────────────────

export interface ImageDraft {
  prompt: string
  negativePrompt: string
  count: string
  size: string
  width: string
  height: string
  steps: string
  cfg: string
  seed: string
  template: string
  customTemplate: string
}
export interface VideoDraft {
  sourceAssetId: string
  prompt: string
  frames: string
  fps: string
  template: string
  customTemplate: string
}
export interface CaptionDraft {
  idea: string
  assetId: string
  platforms: string[]
}
export interface VoiceDraft {
  text: string
}
export interface PlanDraft {
  count: string
  from: string
  to: string
  idea: string
}
export interface Drafts {
  IMAGE: ImageDraft
  VIDEO: VideoDraft
  CAPTION: CaptionDraft
  VOICE: VoiceDraft
  CONTENT_PLAN: PlanDraft
  TALKING_CLIP: TalkingClipDraft
}

const AUTO = 'auto'
const OTHER = 'other'

function isoDay(d: Date) {
  const p = (n: number) => String(n).padStart(2, '0')
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}`
}

export function initialDrafts(): Drafts {
  const today = new Date()
  const week = new Date(today)
  week.setDate(today.getDate() + 6)
  return {
    IMAGE: { prompt: '', negativePrompt: '', count: '1', size: '1024x1024', width: '1024', height: '1024', steps: '30', cfg: '6.5', seed: '', template: AUTO, customTemplate: '' },
    VIDEO: { sourceAssetId: '', prompt: '', frames: '25', fps: '8', template: AUTO, customTemplate: '' },
    CAPTION: { idea: '', assetId: '', platforms: [] },
    VOICE: { text: '' },
    CONTENT_PLAN: { count: '7', from: isoDay(today), to: isoDay(week), idea: '' },
    TALKING_CLIP: initialTalkingClip,
  }
}

export const SIZE_PRESETS = [
  { value: '1024x1024', label: '1024×1024', hint: 'Square' },
  { value: '832x1216', label: '832×1216', hint: 'Portrait' },
  { value: '1216x832', label: '1216×832', hint: 'Landscape' },
  { value: 'custom', label: 'Custom', hint: '' },
]

// ── Validation: drafts → API input, or errors keyed by input field ───────────

type Result = { input: Record<string, unknown>; errors: Record<string, string> }

function int(errors: Record<string, string>, field: string, raw: string, min: number, max: number, label: string): number | undefined {
  const t = raw.trim()
  if (!t) return undefined
  const n = Number(t)
  if (!Number.isInteger(n) || n < min || n > max) {
    errors[field] = `${label} must be a whole number from ${min} to ${max}`
    return undefined
  }
  return n
}

function template(t: string, custom: string): string | undefined {
  if (t === AUTO) return undefined
  if (t === OTHER) return custom.trim() || undefined
  return t
}

export function toInput(kind: JobKind, drafts: Drafts): Result {
  const errors: Record<string, string> = {}
  switch (kind) {
    case 'IMAGE': {
      const d = drafts.IMAGE
      if (!d.prompt.trim()) errors.prompt = 'Describe the image'
      let width: number
      let height: number
      if (d.size === 'custom') {
        width = int(errors, 'width', d.width, 64, 4096, 'Width') ?? 1024
        height = int(errors, 'height', d.height, 64, 4096, 'Height') ?? 1024
        if (!errors.width && width % 8) errors.width = 'Width must be a multiple of 8'
        if (!errors.height && height % 8) errors.height = 'Height must be a multiple of 8'
      } else {
        ;[width, height] = d.size.split('x').map(Number) as [number, number]
      }
      const cfgRaw = d.cfg.trim()
      const cfg = cfgRaw ? Number(cfgRaw) : undefined
      if (cfg !== undefined && (!Number.isFinite(cfg) || cfg < 0 || cfg > 30)) errors.cfg = 'CFG must be a number from 0 to 30'
      const input = {
        prompt: d.prompt.trim(),
        negativePrompt: d.negativePrompt.trim() || undefined,
        count: int(errors, 'count', d.count, 1, 8, 'Count'),
        width,
        height,
        steps: int(errors, 'steps', d.steps, 1, 150, 'Steps'),
        cfg,
        seed: int(errors, 'seed', d.seed, 0, Number.MAX_SAFE_INTEGER, 'Seed'),
        template: template(d.template, d.customTemplate),
      }
      return { input, errors }
    }
    case 'VIDEO': {
      const d = drafts.VIDEO
      if (!d.sourceAssetId && !d.prompt.trim()) errors.prompt = 'Pick a source image or describe the video'
      const input = {
        sourceAssetId: d.sourceAssetId || undefined,
        prompt: d.prompt.trim() || undefined,
        frames: int(errors, 'frames', d.frames, 2, 240, 'Frames'),
        fps: int(errors, 'fps', d.fps, 1, 60, 'FPS'),
        template: template(d.template, d.customTemplate),
      }
      return { input, errors }
    }
    case 'CAPTION': {
      const d = drafts.CAPTION
      if (!d.idea.trim() && !d.assetId) errors.idea = 'Write an idea or pick an image'
      if (!d.platforms.length) errors.platforms = 'Pick at least one platform'
      return { input: { idea: d.idea.trim() || undefined, assetId: d.assetId || undefined, platforms: d.platforms }, errors }
    }
    case 'VOICE': {
      const d = drafts.VOICE
      if (!d.text.trim()) errors.text = 'Write what the character should say'
      return { input: { text: d.text.trim() }, errors }
    }
    case 'CONTENT_PLAN': {
      const d = drafts.CONTENT_PLAN
      const count = int(errors, 'count', d.count, 1, 60, 'Count')
      if (d.from && d.to && d.from > d.to) errors.to = 'The end date is before the start date'
      return { input: { count, from: d.from || undefined, to: d.to || undefined, idea: d.idea.trim() || undefined }, errors }
    }
    case 'TALKING_CLIP':
      return talkingClipInput(drafts.TALKING_CLIP)
  }
}

// ── Pieces ───────────────────────────────────────────────────────────────────

export interface PickableAsset {
  assetId: string
  label: string
}

/** A grid of selectable thumbnails (recent outputs, reference images), with an optional "none". */
export function AssetPicker({ id, assets, value, onChange, noneLabel }: { id: string; assets: PickableAsset[]; value: string; onChange: (v: string) => void; noneLabel: string }) {
  return (
    <div id={id} role="radiogroup" className="grid grid-cols-4 gap-2 sm:grid-cols-6">
      <button
        type="button"
        role="radio"
        aria-checked={!value}
        onClick={() => onChange('')}
        className={cn(
          'flex aspect-square flex-col items-center justify-center gap-1 rounded-md border text-center text-[11px] leading-tight text-zinc-500 transition-colors',
          !value ? 'border-violet-500 bg-violet-50 text-violet-700 ring-2 ring-violet-500' : 'border-dashed border-zinc-300 hover:border-violet-400',
        )}
      >
        <ImageOff className="size-4" />
        {noneLabel}
      </button>
      {assets.map((a) => {
        const on = value === a.assetId
        return (
          <button
            key={a.assetId}
            type="button"
            role="radio"
            aria-checked={on}
            aria-label={a.label}
            title={a.label}
            data-testid="asset-option"
            onClick={() => onChange(on ? '' : a.assetId)}
            className={cn(
              'relative aspect-square overflow-hidden rounded-md border bg-zinc-100',
              on ? 'border-violet-500 ring-2 ring-violet-500' : 'border-zinc-200 hover:border-violet-400',
            )}
          >
            <img src={thumbnailUrl(a.assetId)} alt="" loading="lazy" className="size-full object-cover" />
            {on && (
              <span className="absolute right-1 top-1 rounded-full bg-violet-600 p-0.5 text-white">
                <Check className="size-3" />
              </span>
            )}
          </button>
        )
      })}
    </div>
  )
}

/** A read-only "always added" note for text the character contributes to every prompt. */
function AlwaysAdded({ label, text, characterId }: { label: string; text: string; characterId: string }) {
  if (!text.trim()) return null
  return (
    <div className="flex gap-2 rounded-md border border-violet-100 bg-violet-50/60 px-3 py-2 text-xs text-violet-900" data-testid="always-added">
      <Sparkles className="mt-0.5 size-3.5 shrink-0 text-violet-500" />
      <div className="min-w-0">
        <span className="font-medium">{label}, always added:</span> <span className="break-words">{text}</span>{' '}
        <Link to={`/characters/${characterId}`} className="whitespace-nowrap text-violet-700 underline-offset-2 hover:underline">
          Edit look
        </Link>
      </div>
    </div>
  )
}

function Segmented({ id, value, onChange, options }: { id: string; value: string; onChange: (v: string) => void; options: { value: string; label: string; hint?: string }[] }) {
  return (
    <div id={id} role="radiogroup" className="inline-flex flex-wrap gap-1 rounded-lg bg-zinc-100 p-1">
      {options.map((o) => (
        <button
          key={o.value}
          type="button"
          role="radio"
          aria-checked={value === o.value}
          title={o.hint}
          onClick={() => onChange(o.value)}
          className={cn(
            'rounded-md px-3 py-1 text-sm font-medium transition-all focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-violet-500',
            value === o.value ? 'bg-white text-zinc-900 shadow-sm' : 'text-zinc-600 hover:text-zinc-900',
          )}
        >
          {o.label}
        </button>
      ))}
    </div>
  )
}

function TemplateField({
  id,
  value,
  custom,
  known,
  onChange,
  onCustom,
  error,
}: {
  id: string
  value: string
  custom: string
  known: string[]
  onChange: (v: string) => void
  onCustom: (v: string) => void
  error?: string
}) {
  const options = [{ value: AUTO, label: 'Automatic' }, ...known.map((t) => ({ value: t, label: t })), { value: OTHER, label: 'Other…' }]
  return (
    <Field id={id} label="Template" hint="Optional. The workflow the backend runs; Automatic picks one from the character's look." error={error}>
      <div className="grid gap-2">
        <Select id={id} value={value} onValueChange={onChange} options={options} />
        {value === OTHER && <Input aria-label="Template name" placeholder="e.g. sdxl-faceid" value={custom} onChange={(e) => onCustom(e.target.value)} />}
      </div>
    </Field>
  )
}

function seedHint(c: Character): string {
  const v = c.visual
  switch (v?.seedPolicy) {
    case 'FIXED':
      return `Blank uses ${c.name}'s fixed seed${v.seed != null ? ` (${v.seed})` : ''}.`
    case 'INCREMENT':
      return `Blank continues ${c.name}'s seed sequence${v.seed != null ? ` from ${v.seed}` : ''}.`
    default:
      return `Blank picks a random seed (${c.name}'s seed policy).`
  }
}

// ── Forms ────────────────────────────────────────────────────────────────────

interface FormProps<D> {
  draft: D
  set: (patch: Partial<D>) => void
  err: (field: string) => string | undefined
  character: Character
}

export function ImageForm({ draft: d, set, err, character, templates }: FormProps<ImageDraft> & { templates: string[] }) {
  return (
    <div className="grid gap-5">
      <Field id="studio-prompt" label="Prompt" error={err('prompt')}>
        <Textarea
          id="studio-prompt"
          data-testid="studio-prompt"
          rows={4}
          placeholder="What happens in the picture: scene, outfit, light, framing…"
          value={d.prompt}
          onChange={(e) => set({ prompt: e.target.value })}
          aria-invalid={!!err('prompt')}
        />
      </Field>
      <AlwaysAdded label="From the character's look" text={character.visual?.basePrompt ?? ''} characterId={character.id} />
      <Field id="studio-negative" label="Negative prompt" error={err('negativePrompt')}>
        <Textarea id="studio-negative" rows={2} placeholder="What to keep out of the picture" value={d.negativePrompt} onChange={(e) => set({ negativePrompt: e.target.value })} />
      </Field>
      <AlwaysAdded label="Character's negative prompt" text={character.visual?.negativePrompt ?? ''} characterId={character.id} />
      <Field id="studio-size" label="Size" error={err('width') ?? err('height')}>
        <div className="grid gap-2">
          <Segmented id="studio-size" value={d.size} onChange={(v) => set({ size: v })} options={SIZE_PRESETS} />
          {d.size === 'custom' && (
            <div className="flex items-center gap-2">
              <Input aria-label="Width" inputMode="numeric" className="w-28" value={d.width} onChange={(e) => set({ width: e.target.value })} aria-invalid={!!err('width')} />
              <span className="text-zinc-400">×</span>
              <Input aria-label="Height" inputMode="numeric" className="w-28" value={d.height} onChange={(e) => set({ height: e.target.value })} aria-invalid={!!err('height')} />
              <span className="text-xs text-zinc-500">px, multiples of 8</span>
            </div>
          )}
        </div>
      </Field>
      <div className="grid gap-4 sm:grid-cols-4">
        <Field id="studio-count" label="Count" error={err('count')}>
          <Input id="studio-count" type="number" min={1} max={8} value={d.count} onChange={(e) => set({ count: e.target.value })} aria-invalid={!!err('count')} />
        </Field>
        <Field id="studio-steps" label="Steps" error={err('steps')}>
          <Input id="studio-steps" type="number" min={1} max={150} value={d.steps} onChange={(e) => set({ steps: e.target.value })} aria-invalid={!!err('steps')} />
        </Field>
        <Field id="studio-cfg" label="CFG" error={err('cfg')}>
          <Input id="studio-cfg" type="number" min={0} max={30} step={0.5} value={d.cfg} onChange={(e) => set({ cfg: e.target.value })} aria-invalid={!!err('cfg')} />
        </Field>
        <Field id="studio-seed" label="Seed" error={err('seed')}>
          <Input id="studio-seed" inputMode="numeric" placeholder="Auto" value={d.seed} onChange={(e) => set({ seed: e.target.value })} aria-invalid={!!err('seed')} />
        </Field>
      </div>
      <p className="-mt-3 text-xs text-zinc-500">{seedHint(character)}</p>
      <TemplateField
        id="studio-template"
        value={d.template}
        custom={d.customTemplate}
        known={templates}
        onChange={(v) => set({ template: v })}
        onCustom={(v) => set({ customTemplate: v })}
        error={err('template')}
      />
    </div>
  )
}

export function VideoForm({ draft: d, set, err, sources, templates }: FormProps<VideoDraft> & { sources: PickableAsset[]; templates: string[] }) {
  return (
    <div className="grid gap-5">
      <Field
        id="studio-source"
        label="Source image"
        hint="Animate one of the character's recent images or reference photos, or pick none to go from text."
        error={err('sourceAssetId')}
      >
        <AssetPicker id="studio-source" assets={sources} value={d.sourceAssetId} onChange={(v) => set({ sourceAssetId: v })} noneLabel="None (text to video)" />
      </Field>
      <Field id="studio-prompt" label="Prompt" hint={d.sourceAssetId ? 'Optional with a source image.' : undefined} error={err('prompt')}>
        <Textarea
          id="studio-prompt"
          data-testid="studio-prompt"
          rows={3}
          placeholder="Motion, camera, mood…"
          value={d.prompt}
          onChange={(e) => set({ prompt: e.target.value })}
          aria-invalid={!!err('prompt')}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-4">
        <Field id="studio-frames" label="Frames" error={err('frames')}>
          <Input id="studio-frames" type="number" min={2} max={240} value={d.frames} onChange={(e) => set({ frames: e.target.value })} aria-invalid={!!err('frames')} />
        </Field>
        <Field id="studio-fps" label="FPS" error={err('fps')}>
          <Input id="studio-fps" type="number" min={1} max={60} value={d.fps} onChange={(e) => set({ fps: e.target.value })} aria-invalid={!!err('fps')} />
        </Field>
        <div className="self-end pb-2 text-xs text-zinc-500 sm:col-span-2">
          {(() => {
            const f = Number(d.frames)
            const r = Number(d.fps)
            return f > 0 && r > 0 ? `≈ ${(f / r).toFixed(1)} s of video` : ''
          })()}
        </div>
      </div>
      <TemplateField
        id="studio-template"
        value={d.template}
        custom={d.customTemplate}
        known={templates}
        onChange={(v) => set({ template: v })}
        onCustom={(v) => set({ customTemplate: v })}
        error={err('template')}
      />
    </div>
  )
}

export function CaptionForm({ draft: d, set, err, images }: FormProps<CaptionDraft> & { images: PickableAsset[] }) {
  const platforms = usePlatforms()
  const toggle = (p: string, on: boolean) => set({ platforms: on ? [...d.platforms, p] : d.platforms.filter((x) => x !== p) })
  return (
    <div className="grid gap-5">
      <Field id="studio-prompt" label="Idea" hint="What the post is about. Leave empty to caption the picked image." error={err('idea')}>
        <Textarea
          id="studio-prompt"
          data-testid="studio-prompt"
          rows={3}
          placeholder="e.g. Sunrise run along the river, first warm day of spring"
          value={d.idea}
          onChange={(e) => set({ idea: e.target.value })}
          aria-invalid={!!err('idea')}
        />
      </Field>
      <Field id="studio-caption-image" label="Image" hint="Optional: the image the caption goes with." error={err('assetId')}>
        {images.length ? (
          <AssetPicker id="studio-caption-image" assets={images} value={d.assetId} onChange={(v) => set({ assetId: v })} noneLabel="No image" />
        ) : (
          <p id="studio-caption-image" className="text-sm text-zinc-500">
            No generated images yet.
          </p>
        )}
      </Field>
      <fieldset className="grid gap-2">
        <legend className="mb-2 text-sm font-medium text-zinc-800">Platforms</legend>
        <div className="grid grid-cols-2 gap-2 sm:grid-cols-3">
          {(platforms.data ?? []).map((p) => (
            <Checkbox key={p.type} id={`studio-platform-${p.type}`} label={p.displayName} checked={d.platforms.includes(p.type)} onChange={(on) => toggle(p.type, on)} />
          ))}
        </div>
        {err('platforms') && (
          <p role="alert" className="text-xs font-medium text-red-600">
            {err('platforms')}
          </p>
        )}
      </fieldset>
    </div>
  )
}

export function VoiceForm({ draft: d, set, err, character }: FormProps<VoiceDraft>) {
  const v = character.voice
  const how = v?.referenceClipAssetId ? 'cloned from the consented reference clip' : v?.ttsVoice ? `voice “${v.ttsVoice}”` : 'the default voice'
  return (
    <div className="grid gap-5">
      <Field id="studio-prompt" label="Text" hint={`Spoken with ${how}${v?.ttsLanguage ? ` in ${v.ttsLanguage}` : ''}.`} error={err('text')}>
        <Textarea
          id="studio-prompt"
          data-testid="studio-prompt"
          rows={5}
          maxLength={2000}
          placeholder="What the character says"
          value={d.text}
          onChange={(e) => set({ text: e.target.value })}
          aria-invalid={!!err('text')}
        />
      </Field>
      <p className="-mt-3 text-right text-xs tabular-nums text-zinc-400">{d.text.length} / 2000 characters</p>
    </div>
  )
}

export function PlanForm({ draft: d, set, err, character }: FormProps<PlanDraft>) {
  const pillars = character.preferences?.pillars ?? []
  return (
    <div className="grid gap-5">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="studio-count" label="Posts" error={err('count')}>
          <Input id="studio-count" type="number" min={1} max={60} value={d.count} onChange={(e) => set({ count: e.target.value })} aria-invalid={!!err('count')} />
        </Field>
        <Field id="studio-from" label="From" error={err('from')}>
          <Input id="studio-from" type="date" value={d.from} onChange={(e) => set({ from: e.target.value })} aria-invalid={!!err('from')} />
        </Field>
        <Field id="studio-to" label="To" error={err('to')}>
          <Input id="studio-to" type="date" value={d.to} onChange={(e) => set({ to: e.target.value })} aria-invalid={!!err('to')} />
        </Field>
      </div>
      <Field
        id="studio-prompt"
        label="Theme"
        hint={pillars.length ? `Optional. Ideas are spread over ${character.name}'s pillars: ${pillars.join(', ')}.` : 'Optional: a theme or campaign for the period.'}
        error={err('idea')}
      >
        <Textarea id="studio-prompt" data-testid="studio-prompt" rows={2} placeholder="e.g. Autumn in Lisbon" value={d.idea} onChange={(e) => set({ idea: e.target.value })} />
      </Field>
    </div>
  )
}

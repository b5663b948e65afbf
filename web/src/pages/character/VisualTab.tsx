import * as React from 'react'
import { ImagePlus, Loader2, Plus, Trash2 } from 'lucide-react'
import type { FaceMethod, Lora, SeedPolicy, Visual } from '@/lib/model'
import { mediaUrl, thumbnailUrl } from '@/lib/api'
import { Field } from '@/components/ui/field'
import { Input } from '@/components/ui/input'
import { Textarea } from '@/components/ui/textarea'
import { Button } from '@/components/ui/button'
import { Select } from '@/components/ui/select'
import { Section, type SectionProps } from './common'

const FACE: { value: FaceMethod; label: string }[] = [
  { value: 'NONE', label: 'None' },
  { value: 'IP_ADAPTER_FACEID', label: 'IP-Adapter FaceID' },
  { value: 'INSTANTID', label: 'InstantID' },
  { value: 'PULID', label: 'PuLID' },
]
const SEED: { value: SeedPolicy; label: string }[] = [
  { value: 'RANDOM', label: 'Random each time' },
  { value: 'FIXED', label: 'Fixed seed' },
  { value: 'INCREMENT', label: 'Increment from seed' },
]

export function VisualTab({
  draft,
  update,
  err,
  editable,
  isNew,
  onUploadReference,
  onDeleteReference,
  refPending,
}: SectionProps & {
  isNew: boolean
  onUploadReference: (f: File) => void
  onDeleteReference: (assetId: string) => void
  refPending: boolean
}) {
  const v = draft.visual
  const setV = <K extends keyof Visual>(k: K, val: Visual[K]) => update((d) => ({ ...d, visual: { ...d.visual, [k]: val } }))
  const fileRef = React.useRef<HTMLInputElement>(null)
  const loras = v.loras ?? []
  const setLora = (i: number, patch: Partial<Lora>) =>
    setV(
      'loras',
      loras.map((l, j) => (j === i ? { ...l, ...patch } : l)),
    )

  return (
    <div className="grid gap-6">
      <Section title="Reference images" description="Photos of the character used to keep the face consistent across generated images.">
        <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4">
          {(v.referenceAssetIds ?? []).map((id) => (
            <figure key={id} data-testid="reference-image" className="group relative aspect-square overflow-hidden rounded-lg border border-zinc-200 bg-zinc-100">
              <a href={mediaUrl(id)} target="_blank" rel="noreferrer">
                <img src={thumbnailUrl(id)} alt="Reference" className="size-full object-cover" loading="lazy" />
              </a>
              {editable && (
                <button
                  type="button"
                  aria-label="Delete reference image"
                  onClick={() => onDeleteReference(id)}
                  className="absolute right-2 top-2 rounded-md bg-white/90 p-1.5 text-zinc-700 opacity-0 shadow-sm transition-opacity hover:text-red-600 focus:opacity-100 group-hover:opacity-100"
                >
                  <Trash2 className="size-4" />
                </button>
              )}
            </figure>
          ))}
          {editable && (
            <button
              type="button"
              disabled={isNew || refPending}
              onClick={() => fileRef.current?.click()}
              className="flex aspect-square flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed border-zinc-300 text-sm text-zinc-500 transition-colors hover:border-violet-400 hover:text-violet-700 disabled:cursor-not-allowed disabled:opacity-50"
            >
              {refPending ? <Loader2 className="size-5 animate-spin" /> : <ImagePlus className="size-5" />}
              {isNew ? 'Save first' : 'Add image'}
            </button>
          )}
        </div>
        {!editable && (v.referenceAssetIds ?? []).length === 0 && <p className="text-sm text-zinc-500">No reference images.</p>}
        <input
          ref={fileRef}
          id="reference-file"
          type="file"
          accept="image/*"
          className="sr-only"
          aria-label="Reference image"
          disabled={!editable || isNew}
          onChange={(e) => {
            const f = e.target.files?.[0]
            if (f) onUploadReference(f)
            e.target.value = ''
          }}
        />
      </Section>

      <Section title="Prompting" description="Text prepended to every image prompt for this character, and what to avoid.">
        <Field id="visual-base-prompt" label="Base prompt" error={err('visual.basePrompt')}>
          <Textarea id="visual-base-prompt" rows={3} value={v.basePrompt ?? ''} onChange={(e) => setV('basePrompt', e.target.value)} aria-invalid={!!err('visual.basePrompt')} />
        </Field>
        <Field id="visual-negative-prompt" label="Negative prompt" error={err('visual.negativePrompt')}>
          <Textarea
            id="visual-negative-prompt"
            rows={2}
            value={v.negativePrompt ?? ''}
            onChange={(e) => setV('negativePrompt', e.target.value)}
            aria-invalid={!!err('visual.negativePrompt')}
          />
        </Field>
      </Section>

      <Section title="Model" description="Checkpoint, LoRAs and how the face is kept consistent.">
        <Field id="visual-checkpoint" label="Checkpoint" error={err('visual.checkpoint')}>
          <Input
            id="visual-checkpoint"
            placeholder="e.g. sdxl_base_1.0.safetensors"
            value={v.checkpoint ?? ''}
            onChange={(e) => setV('checkpoint', e.target.value)}
            aria-invalid={!!err('visual.checkpoint')}
          />
        </Field>
        <div className="grid gap-2">
          <div className="flex items-center justify-between">
            <span className="text-sm font-medium text-zinc-800">LoRAs</span>
            {editable && (
              <Button size="sm" variant="outline" onClick={() => setV('loras', [...loras, { name: '', weight: 1 }])}>
                <Plus /> Add LoRA
              </Button>
            )}
          </div>
          {loras.length === 0 && <p className="text-sm text-zinc-500">No LoRAs.</p>}
          {loras.map((l, i) => (
            <div key={i} className="grid grid-cols-[1fr_7rem_auto] items-start gap-2">
              <div className="grid gap-1">
                <label htmlFor={`lora-${i}-name`} className="sr-only">
                  LoRA {i + 1} name
                </label>
                <Input
                  id={`lora-${i}-name`}
                  placeholder="LoRA name"
                  value={l.name}
                  onChange={(e) => setLora(i, { name: e.target.value })}
                  aria-invalid={!!err(`visual.loras[${i}].name`)}
                />
                {err(`visual.loras[${i}].name`) && <p className="text-xs text-red-600">{err(`visual.loras[${i}].name`)}</p>}
              </div>
              <div className="grid gap-1">
                <label htmlFor={`lora-${i}-weight`} className="sr-only">
                  LoRA {i + 1} weight
                </label>
                <Input
                  id={`lora-${i}-weight`}
                  type="number"
                  step="0.05"
                  value={Number.isFinite(l.weight) ? l.weight : ''}
                  onChange={(e) => setLora(i, { weight: e.target.value === '' ? 0 : Number(e.target.value) })}
                  aria-invalid={!!err(`visual.loras[${i}].weight`)}
                />
                {err(`visual.loras[${i}].weight`) && <p className="text-xs text-red-600">{err(`visual.loras[${i}].weight`)}</p>}
              </div>
              {editable && (
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove LoRA ${i + 1}`}
                  onClick={() =>
                    setV(
                      'loras',
                      loras.filter((_, j) => j !== i),
                    )
                  }
                >
                  <Trash2 />
                </Button>
              )}
            </div>
          ))}
        </div>
        <div className="grid gap-5 sm:grid-cols-3">
          <Field id="visual-face-method" label="Face method" error={err('visual.faceMethod')}>
            <Select
              id="visual-face-method"
              value={v.faceMethod}
              onValueChange={(x) => setV('faceMethod', x as FaceMethod)}
              options={FACE}
              disabled={!editable}
              invalid={!!err('visual.faceMethod')}
            />
          </Field>
          <Field id="visual-seed-policy" label="Seed policy" error={err('visual.seedPolicy')}>
            <Select
              id="visual-seed-policy"
              value={v.seedPolicy}
              onValueChange={(x) => setV('seedPolicy', x as SeedPolicy)}
              options={SEED}
              disabled={!editable}
              invalid={!!err('visual.seedPolicy')}
            />
          </Field>
          <Field id="visual-seed" label="Seed" hint={v.seedPolicy === 'RANDOM' ? 'Not used with random seeds.' : undefined} error={err('visual.seed')}>
            <Input
              id="visual-seed"
              type="number"
              min={0}
              disabled={v.seedPolicy === 'RANDOM'}
              value={v.seed ?? ''}
              onChange={(e) => setV('seed', e.target.value === '' ? null : Number(e.target.value))}
              aria-invalid={!!err('visual.seed')}
            />
          </Field>
        </div>
      </Section>
    </div>
  )
}

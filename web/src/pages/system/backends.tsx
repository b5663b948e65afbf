import { AudioLines, Bot, Cpu, Film, Image as ImageIcon, type LucideIcon } from 'lucide-react'
import { useBackendType } from '@/lib/descriptors'
import type { BackendOption, BackendTypeDescriptor } from '@/lib/model'

/** How the dashboard shows a kind of backend: everything from its descriptor (GET /api/v1/backend-types). */
export interface BackendTypeInfo {
  label: string
  description: string
  icon: LucideIcon
  placeholder: string
  /** Whether the backend is a server Troupe talks to (and so needs a base URL). */
  needsUrl: boolean
  tint: string
  /** The options the dashboard may set (configFileOnly ones are refused by the API). */
  options: BackendOption[]
}

const MODALITY: Record<string, { icon: LucideIcon; label: string }> = {
  image: { icon: ImageIcon, label: 'images' },
  video: { icon: Film, label: 'video' },
  text: { icon: Bot, label: 'text' },
  voice: { icon: AudioLines, label: 'voice' },
}

export function typeInfo(descriptor: BackendTypeDescriptor | undefined, type: string): BackendTypeInfo {
  const modalities = descriptor?.modalities ?? []
  const made = modalities.map((m) => MODALITY[m]?.label ?? m)
  const where = descriptor?.local ? 'Runs on this machine' : 'A server Troupe sends work to'
  return {
    label: descriptor?.displayName ?? type,
    description: descriptor ? `${where}${made.length ? `; makes ${made.join(' and ')}` : ''}.` : '',
    icon: MODALITY[modalities[0] ?? '']?.icon ?? Cpu,
    placeholder: descriptor?.local ? 'Not needed: runs on this machine' : 'http://host:port',
    needsUrl: !descriptor?.local,
    tint: 'bg-zinc-100 text-zinc-700',
    options: (descriptor?.options ?? []).filter((o) => !o.configFileOnly),
  }
}

export function useTypeInfo(type: string): BackendTypeInfo {
  return typeInfo(useBackendType(type), type)
}

import {
  AtSign,
  AudioLines,
  Bird,
  Bot,
  Camera,
  Cloud,
  Film,
  Gamepad2,
  Globe,
  Image,
  Mail,
  MessageCircle,
  MessageSquare,
  Music,
  Rss,
  Send,
  Share2,
  Sparkles,
  Video,
  Webhook,
  type LucideIcon,
} from 'lucide-react'

/**
 * The generic icons a descriptor may name (PlatformDescriptor.icon). Names describe a shape, not a brand; a
 * descriptor that needs its brand mark sends iconSvg instead.
 */
export const ICONS: Record<string, LucideIcon> = {
  at: AtSign,
  audio: AudioLines,
  bird: Bird,
  bot: Bot,
  butterfly: Cloud,
  camera: Camera,
  chat: MessageCircle,
  cloud: Cloud,
  film: Film,
  gamepad: Gamepad2,
  globe: Globe,
  image: Image,
  mail: Mail,
  message: MessageSquare,
  music: Music,
  rss: Rss,
  send: Send,
  share: Share2,
  sparkles: Sparkles,
  video: Video,
  webhook: Webhook,
}

export function genericIcon(name: string | null | undefined): LucideIcon {
  return (name && ICONS[name]) || Globe
}

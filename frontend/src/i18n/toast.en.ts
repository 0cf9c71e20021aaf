import type { toastIt } from './toast.it.ts'

export const toastEn: typeof toastIt = {
  close: 'Close',
  region: 'Notifications',
  errors: 'Problems',
  undo: 'Undo',
  restored: { one: '{{ n }} session restored.', other: '{{ n }} sessions restored.' },
}

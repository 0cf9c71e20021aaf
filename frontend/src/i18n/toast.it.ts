/** The shared toast (components/Toast.tsx) and the undo it offers. */
export const toastIt = {
  close: 'Chiudi',
  region: 'Notifiche',
  errors: 'Problemi',
  undo: 'Ripristina',
  restored: { one: '{{ n }} appuntamento ripristinato.', other: '{{ n }} appuntamenti ripristinati.' },
}

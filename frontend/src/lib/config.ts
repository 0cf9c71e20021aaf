/** Client settings fixed at build time (Vite env), with the Comune's defaults. */
export const clientConfig = {
  accessibilityUrl: import.meta.env.VITE_ACCESSIBILITY_URL || 'https://form.agid.gov.it/view/spazi-comuni-comune-di-milano',
  feedbackEmail: import.meta.env.VITE_FEEDBACK_EMAIL || 'spazicomuni@comune.milano.it',
  comuneUrl: 'https://www.comune.milano.it',
}

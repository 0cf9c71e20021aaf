/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** URL of the Comune's accessibility statement for this service. */
  readonly VITE_ACCESSIBILITY_URL?: string
  /** Address for feedback and reports of accessibility problems. */
  readonly VITE_FEEDBACK_EMAIL?: string
}

/** The Evo Voice transport: requests, answers checked per endpoint, and errors users can act on. */
export type { CallOptions, EvoVoiceFunctions, EvoVoiceRequest } from './client';
export { DEFAULT_TIMEOUT_SECONDS, EVO_VOICE_CREDENTIAL_TYPE, EvoVoiceClient, sessionPath } from './client';
export * from './endpoints';
export { quoteBody, retryAfterSeconds } from './errors';

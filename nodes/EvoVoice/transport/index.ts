/** The Evo Voice transport: the endpoint table, requests, answers checked, errors users can act on. */
export type { CallOptions, EvoVoiceFunctions, EvoVoiceRequest } from './client';
export { DEFAULT_TIMEOUT_SECONDS, EVO_VOICE_CREDENTIAL_TYPE, EvoVoiceClient } from './client';
export * from './endpoints';
export type { AnswerOf, EndpointName, Repeat } from './endpointTable';
export { ENDPOINTS, MAX_RETRIES, MAX_RETRY_WAIT_SECONDS } from './endpointTable';
export { changeMayHaveBeenMade, quoteBody, retryAfterSeconds, toolHintOf } from './errors';

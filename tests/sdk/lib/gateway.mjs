// The client every test uses: the official SDK pointed at the gateway under test. OPENAI_BASE_URL (read by the SDK
// itself) is the gateway's /v1; the models are the ones OpenAiSdkTest's WireMock upstream answers for.
import OpenAI from 'openai';

if (!process.env.OPENAI_BASE_URL) {
  throw new Error('OPENAI_BASE_URL must point to the gateway under test, e.g. http://127.0.0.1:8080/v1');
}

/** A chat model the upstream answers "Paris is the capital of France." for, streamed or not. */
export const CHAT_MODEL = 'gpt-sdk';
/** A chat model whose upstream is rate limited: 429, retry-after 7, its own x-request-id. */
export const BUSY_MODEL = 'gpt-sdk-busy';
/** An embedding model; the upstream answers [0.25, -0.5, 1] as floats or base64, as asked. */
export const EMBEDDING_MODEL = 'text-embedding-sdk';

/** OpenAI's moderation category names, all of which every result holds. */
export const OPENAI_MODERATION_CATEGORIES = [
  'harassment', 'harassment/threatening', 'hate', 'hate/threatening', 'illicit', 'illicit/violent',
  'self-harm', 'self-harm/intent', 'self-harm/instructions', 'sexual', 'sexual/minors', 'violence',
  'violence/graphic',
];

/** The SDK client, without retries (a test sees every status as it came). */
export function client(options = {}) {
  return new OpenAI({ apiKey: process.env.OPENAI_API_KEY ?? 'sdk-test', maxRetries: 0, timeout: 20_000, ...options });
}

export { OpenAI };

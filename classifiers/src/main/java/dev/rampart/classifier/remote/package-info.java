/**
 * Generic remote guards beside the remote Llama Guard: {@link dev.rampart.classifier.remote.OpenAiModerationClassifier}
 * ({@code type: openai_moderation}, any OpenAI-compatible {@code /moderations} endpoint, its category names mapped onto
 * the policy's taxonomy) and {@link dev.rampart.classifier.remote.HttpGuardClassifier} ({@code type: http}, any JSON
 * endpoint: a request template with a {@code ${text}} placeholder and a JSON pointer per taxonomy category). Both
 * share {@link dev.rampart.classifier.remote.RemoteGuard}: long text is cut into chunks, a request failure of any kind
 * is an {@code ERROR} value (never a decision), and every call goes through {@code runtime.JsonEndpoint} under a
 * {@code runtime.ResilientScorer}. Configurations are read by {@link dev.rampart.classifier.remote.RemoteGuardConfig}.
 */
package dev.rampart.classifier.remote;

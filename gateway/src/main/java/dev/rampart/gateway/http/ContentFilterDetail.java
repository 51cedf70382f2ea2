package dev.rampart.gateway.http;

import java.util.List;
import java.util.Objects;

/**
 * Why the gateway refused a request with {@code 400 content_filter}, in the shape Azure OpenAI gives it: the request id
 * (as in {@code x-rampart-request-id}), the revision of the policy that decided, and per category that fired whether it
 * was filtered (its rule blocked or redacted), detected, and its combined score. {@link ErrorBody} writes it as
 * {@code error.request_id} and {@code error.innererror}.
 *
 * @param requestId      the gateway's request id
 * @param policyRevision the content hash of the policy that decided
 * @param categories     the fired categories, in taxonomy order
 */
public record ContentFilterDetail(String requestId, String policyRevision, List<Category> categories) {
    /** Azure's {@code innererror.code} for a content-policy refusal. */
    public static final String INNER_CODE = "ResponsibleAIPolicyViolation";

    public ContentFilterDetail {
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(policyRevision, "policyRevision");
        categories = List.copyOf(categories);
    }

    /**
     * One category's result.
     *
     * @param id       the taxonomy category id
     * @param filtered its rule acted on the text (block or redact)
     * @param detected the category fired (reached its threshold, or failed closed)
     * @param score    the combined score; NaN when no classifier had evidence (then no score is written)
     */
    public record Category(String id, boolean filtered, boolean detected, double score) {
        public Category {
            Objects.requireNonNull(id, "id");
        }
    }
}

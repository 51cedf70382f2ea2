package dev.rampart.gateway.pipeline;

import dev.rampart.classifier.reward.RewardScores;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the reward stage made of a reply: the chosen candidate (with its completion verdict), how scoring went, the
 * flags that fired and how many upstream calls it took. {@code status} is null when the policy has no reward section.
 *
 * @param chosen   the candidate served, its reply annotated when the policy says {@code body: true}
 * @param status   scoring outcome, or null (no reward policy)
 * @param scores   the chosen candidate's scores, or null when not scored inline
 * @param flags    reasons that fired ({@code correctness<1.5}, {@code over_refusal})
 * @param attempts upstream calls made for this reply (at least 1)
 * @param headers  whether to announce the outcome in {@code x-rampart-reward-*} response headers
 */
public record RewardOutcome(CompletionVerdict chosen, RewardStatus status, RewardScores scores, List<String> flags,
                            int attempts, boolean headers) {
    public RewardOutcome {
        flags = List.copyOf(flags);
    }

    /** No reward scoring: the reply as the completion guard left it. */
    public static RewardOutcome none(CompletionVerdict reply) {
        return new RewardOutcome(reply, null, null, List.of(), 1, false);
    }

    /** The {@code x-rampart-reward-*} headers, when the policy asked for them. */
    public Map<String, String> responseHeaders() {
        Map<String, String> out = new TreeMap<>();
        if (!headers || status == null) {
            return out;
        }
        out.put("x-rampart-reward-status", status.wireName());
        if (scores != null && scores.isScored()) {
            scores.attributes().forEach((k, v) -> out.put("x-rampart-reward-" + headerName(k),
                    String.format(Locale.ROOT, "%.3f", v)));
        }
        if (!flags.isEmpty()) {
            out.put("x-rampart-reward-flags", String.join(",", flags));
        }
        return out;
    }

    private static String headerName(String attribute) {
        return attribute.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9-]", "-");
    }
}

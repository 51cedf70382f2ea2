package dev.rampart.classifier.llamaguard;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a Llama Guard answer from an OpenAI-compatible response into a verdict with P(unsafe).
 *
 * <p><b>Text.</b> After leading whitespace (the model writes {@code \n\n} first), the first line must be {@code safe}
 * or {@code unsafe}; after {@code unsafe} an optional second line lists category codes ({@code S1,S10}). Anything
 * else — another first line, a code that was not in the prompt, an empty answer — is unreadable, and the classifier
 * reports {@code ERROR} so the policy's {@code on_error} applies (an unreadable answer is never read as safe).
 *
 * <p><b>P(unsafe).</b> From the top log-probabilities of the first token that is not whitespace (the verdict token):
 * {@code exp(lp(unsafe)) / (exp(lp(safe)) + exp(lp(unsafe)))} when both are among the alternatives (variants such as
 * {@code " unsafe"} or {@code "Unsafe"} are summed, and {@code "un"} counts as the start of {@code unsafe}); only
 * {@code unsafe} listed: its probability; only {@code safe} listed: one minus its probability. Without log-probabilities (or with neither word among the
 * alternatives) the verdict counts as 1 ({@code unsafe}) or 0 ({@code safe}). The result
 * is kept on the verdict's side of 0.5 (greedy decoding chose it), so text and score never disagree.
 */
public final class LlamaGuardAnswer {
    /**
     * @param unsafe  the first line said {@code unsafe}
     * @param codes   the category codes of the second line (empty if safe or none given)
     * @param pUnsafe the probability of {@code unsafe}, in [0, 1]
     */
    public record Verdict(boolean unsafe, List<String> codes, double pUnsafe) {
        public Verdict {
            codes = List.copyOf(codes);
        }
    }

    /** The answer could not be read; the message names what was wrong, never the text assessed. */
    public static final class Unreadable extends Exception {
        private static final long serialVersionUID = 1L;

        public Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Pattern CODE = Pattern.compile("S[1-9][0-9]?");

    private LlamaGuardAnswer() {
    }

    /** Reads a {@code /completions} or {@code /chat/completions} response body. */
    public static Verdict read(JsonNode response, LlamaGuardConfig.Api api, Set<String> knownCodes) throws Unreadable {
        JsonNode choice = response.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new Unreadable("response has no choices");
        }
        JsonNode textNode = api == LlamaGuardConfig.Api.CHAT ? choice.path("message").path("content") : choice.path("text");
        if (!textNode.isTextual()) {
            throw new Unreadable("response has no answer text");
        }
        List<Map.Entry<String, Map<String, Double>>> tokens = api == LlamaGuardConfig.Api.CHAT
                ? chatTokens(choice.path("logprobs"))
                : completionTokens(choice.path("logprobs"));
        return parse(textNode.textValue(), tokens, knownCodes);
    }

    /**
     * Reads the answer text with its per-token alternatives (each entry: the token chosen, and the top alternatives
     * with their log-probabilities; empty when the server gave none).
     */
    static Verdict parse(String text, List<Map.Entry<String, Map<String, Double>>> tokens, Set<String> knownCodes)
            throws Unreadable {
        String stripped = text.strip();
        if (stripped.isEmpty()) {
            throw new Unreadable("empty answer");
        }
        String[] lines = stripped.split("\\R", -1);
        String first = lines[0].strip().toLowerCase(Locale.ROOT);
        boolean unsafe;
        if (first.equals("safe")) {
            unsafe = false;
        } else if (first.equals("unsafe")) {
            unsafe = true;
        } else {
            throw new Unreadable("first line is neither 'safe' nor 'unsafe' (" + first.length() + " chars)");
        }
        List<String> codes = new ArrayList<>();
        if (unsafe && lines.length > 1 && !lines[1].isBlank()) {
            for (String part : lines[1].split(",")) {
                String code = part.strip().toUpperCase(Locale.ROOT);
                if (code.isEmpty()) {
                    continue;
                }
                if (!CODE.matcher(code).matches()) {
                    throw new Unreadable("second line has a malformed category code (" + code.length() + " chars)");
                }
                if (!knownCodes.contains(code)) {
                    throw new Unreadable("answer names category " + code + ", which was not in the prompt");
                }
                if (!codes.contains(code)) {
                    codes.add(code);
                }
            }
        }
        double p = probability(unsafe, tokens);
        p = unsafe ? Math.max(p, 0.5) : Math.min(p, 0.5);
        return new Verdict(unsafe, codes, Math.max(0.0, Math.min(1.0, p)));
    }

    private static double probability(boolean unsafe, List<Map.Entry<String, Map<String, Double>>> tokens) {
        for (Map.Entry<String, Map<String, Double>> token : tokens) {
            if (token.getKey().isBlank()) {
                continue;
            }
            double pSafe = 0;
            double pUnsafe = 0;
            for (Map.Entry<String, Double> alt : token.getValue().entrySet()) {
                String word = alt.getKey().strip().toLowerCase(Locale.ROOT);
                double p = alt.getValue() == null || alt.getValue().isNaN() ? 0 : Math.exp(alt.getValue());
                if (word.equals("unsafe") || word.equals("un") || word.equals("uns")) {
                    pUnsafe += p;
                } else if (word.equals("safe")) {
                    pSafe += p;
                }
            }
            if (pSafe > 0 && pUnsafe > 0) {
                return pUnsafe / (pSafe + pUnsafe);
            }
            if (pUnsafe > 0) {
                return pUnsafe;
            }
            if (pSafe > 0) {
                return 1 - pSafe;
            }
            return unsafe ? 1.0 : 0.0;
        }
        return unsafe ? 1.0 : 0.0;
    }

    /** {@code logprobs: {tokens: [...], top_logprobs: [{token: lp, ...}, ...]}} (completions API). */
    private static List<Map.Entry<String, Map<String, Double>>> completionTokens(JsonNode logprobs) {
        List<Map.Entry<String, Map<String, Double>>> out = new ArrayList<>();
        JsonNode tokens = logprobs.path("tokens");
        JsonNode tops = logprobs.path("top_logprobs");
        JsonNode chosen = logprobs.path("token_logprobs");
        for (int i = 0; i < tokens.size(); i++) {
            Map<String, Double> alternatives = new LinkedHashMap<>();
            JsonNode top = tops.path(i);
            for (Iterator<Map.Entry<String, JsonNode>> it = top.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (e.getValue().isNumber()) {
                    alternatives.put(e.getKey(), e.getValue().doubleValue());
                }
            }
            String token = tokens.path(i).asText("");
            if (alternatives.isEmpty() && chosen.path(i).isNumber()) {
                alternatives.put(token, chosen.path(i).doubleValue());
            }
            out.add(Map.entry(token, alternatives));
        }
        return out;
    }

    /** {@code logprobs: {content: [{token, logprob, top_logprobs: [{token, logprob}]}]}} (chat API). */
    private static List<Map.Entry<String, Map<String, Double>>> chatTokens(JsonNode logprobs) {
        List<Map.Entry<String, Map<String, Double>>> out = new ArrayList<>();
        for (JsonNode item : logprobs.path("content")) {
            Map<String, Double> alternatives = new LinkedHashMap<>();
            for (JsonNode alt : item.path("top_logprobs")) {
                if (alt.path("logprob").isNumber()) {
                    alternatives.merge(alt.path("token").asText(""), alt.path("logprob").doubleValue(),
                            (a, b) -> Math.max(a, b));
                }
            }
            String token = item.path("token").asText("");
            if (alternatives.isEmpty() && item.path("logprob").isNumber()) {
                alternatives.put(token, item.path("logprob").doubleValue());
            }
            out.add(Map.entry(token, alternatives));
        }
        return out;
    }
}

package dev.rampart.classifier.reward;

import dev.rampart.classifier.ClassificationInput.Turn;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a reward model is asked to score: a response to a prompt. Remote scorers send it as chat messages:
 * {@code conversation…}, then {@code {user: prompt}}, then {@code {assistant: response}}.
 *
 * @param prompt       the last user message, the one {@code response} answers
 * @param response     the model's answer to score
 * @param conversation the turns before {@code prompt} (a system message, earlier user and assistant turns), oldest
 *                     first; empty for a single-turn exchange. It must not repeat {@code prompt} or {@code response}
 */
public record RewardInput(String prompt, String response, List<Turn> conversation) {
    public RewardInput {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(response, "response");
        conversation = conversation == null ? List.of() : List.copyOf(conversation);
    }

    /** A single-turn exchange. */
    public static RewardInput of(String prompt, String response) {
        return new RewardInput(prompt, response, List.of());
    }

    /** Every turn in order, ending with the prompt (role {@code user}) and the response (role {@code assistant}). */
    public List<Turn> messages() {
        List<Turn> all = new ArrayList<>(conversation.size() + 2);
        all.addAll(conversation);
        all.add(new Turn("user", prompt));
        all.add(new Turn("assistant", response));
        return List.copyOf(all);
    }

    /** Never the text: only its size. */
    @Override
    public String toString() {
        return "RewardInput[prompt=" + prompt.length() + " chars, response=" + response.length() + " chars, conversation="
                + conversation.size() + " turns]";
    }
}

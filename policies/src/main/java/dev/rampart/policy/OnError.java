package dev.rampart.policy;

import java.util.Objects;
import java.util.Set;

/**
 * What a classifier failure for a category means, per direction: {@link Action#BLOCK} fires the rule (fail closed),
 * {@link Action#FLAG} flags the text, {@link Action#ALLOW} lets it pass (fail open). Written {@code on_error: block}
 * (both directions) or {@code on_error: {prompt: block, completion: flag}} (an omitted direction fails closed).
 */
public record OnError(Action prompt, Action completion) {
    /** The actions {@code on_error} may name. */
    public static final Set<Action> ALLOWED = Set.of(Action.BLOCK, Action.FLAG, Action.ALLOW);
    /** The default: fail closed in both directions. */
    public static final OnError FAIL_CLOSED = both(Action.BLOCK);

    public OnError {
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(completion, "completion");
        if (!ALLOWED.contains(prompt) || !ALLOWED.contains(completion)) {
            throw new IllegalArgumentException("on_error must be block, flag or allow, but was " + prompt + "/"
                    + completion);
        }
    }

    public static OnError both(Action action) {
        return new OnError(action, action);
    }

    /** The failure action for one direction. */
    public Action in(Direction direction) {
        return direction == Direction.PROMPT ? prompt : completion;
    }

    /** {@code block}, or {@code prompt=block,completion=flag} when the directions differ (revisions, explanations). */
    public String wireName() {
        return prompt == completion ? prompt.wireName()
                : "prompt=" + prompt.wireName() + ",completion=" + completion.wireName();
    }
}

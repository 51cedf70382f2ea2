package dev.rampart.classifier.llamaguard;

import dev.rampart.classifier.ClassificationInput;
import dev.rampart.classifier.normalize.TextNormalizer;
import dev.rampart.policy.Category;
import dev.rampart.policy.Direction;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders the Llama Guard 3 prompt from the policy's taxonomy, and splits a conversation into assessments.
 *
 * <p><b>Template.</b> The official Llama Guard 3 format (Meta's {@code prompt_format_utils} and the model's chat
 * template): the task line naming {@code 'User'} or {@code 'Agent'}, one {@code S<n>: Name.} line per category (with
 * its description on the following lines when asked for), the conversation as {@code User: …} / {@code Agent: …}
 * paragraphs, and the instruction to assess ONLY THE LAST message of that role, ending at the assistant header (the
 * model answers {@code \n\nsafe} or {@code \n\nunsafe\nS1,S10}). Categories keep their taxonomy id when it is one of
 * Llama Guard's {@code S<n>} ids; other categories get the next free {@code S<n>} and always their description.
 *
 * <p><b>Every turn is assessed.</b> Llama Guard judges only the last message of the asked-for role, so one
 * assessment is made per non-blank turn: the turn itself as the last message, preceded by up to {@code context_turns}
 * earlier turns as context. Client-supplied {@code system}, {@code developer} and {@code tool} turns are assessed as
 * {@code User} messages, {@code assistant} turns (also client-supplied in a prompt) as {@code Agent} messages. A turn
 * longer than {@code max_turn_chars} is assessed in overlapping chunks. The classifier sends the assessments
 * concurrently and takes, per category, the highest score. For a {@code COMPLETION} input only the {@code assistant}
 * turns are assessed (earlier turns, if the caller passes them, serve as context: they were judged as the prompt).
 *
 * <p><b>Forgery.</b> Text is first put in {@link TextNormalizer#forModel model form} (invisible and tag characters
 * removed, so they cannot hide a marker), then neutralised: {@code <|} and {@code |>} get a space inside (no special
 * token can be spelled), {@code <BEGIN/END CONVERSATION>} and {@code <BEGIN/END UNSAFE CONTENT CATEGORIES>} become
 * {@code [BEGIN CONVERSATION]} etc., and a line starting with a role name and a colon ({@code User:}, {@code Agent:},
 * {@code Assistant:}, {@code System:}) gets the role in brackets ({@code [Agent]:}).
 */
public final class LlamaGuardPrompt {
    /** Llama Guard's role names. */
    public enum Role {
        USER("User"), AGENT("Agent");

        private final String label;

        Role(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One conversation turn as Llama Guard reads it: its content already normalised and neutralised. */
    public record GuardTurn(Role role, String content) {
    }

    /** One question to the model: is the last of these turns unsafe? */
    public record Assessment(List<GuardTurn> turns) {
        public Assessment {
            turns = List.copyOf(turns);
            if (turns.isEmpty()) {
                throw new IllegalArgumentException("an assessment needs at least one turn");
            }
        }

        public GuardTurn last() {
            return turns.get(turns.size() - 1);
        }
    }

    private static final Pattern LLAMA_GUARD_ID = Pattern.compile("S([1-9][0-9]?)");
    private static final Pattern MARKER = Pattern.compile(
            "<\\s*(BEGIN|END)\\s+(CONVERSATION|UNSAFE\\s+CONTENT\\s+CATEGORIES)\\s*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ROLE_PREFIX = Pattern.compile(
            "^([ \\t]*)(user|agent|assistant|system|human|ai)([ \\t]*):", Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final int CHUNK_OVERLAP = 200;

    private final Map<String, String> codeToId;
    private final String categoryBlock;
    private final int maxTurnChars;
    private final int contextTurns;

    /**
     * @param taxonomy the policy's categories
     * @param config   which categories, whether with descriptions, and the size limits
     * @throws IllegalArgumentException when a configured category is not in the taxonomy, or none is left
     */
    public LlamaGuardPrompt(List<Category> taxonomy, LlamaGuardConfig config) {
        Map<String, Category> byId = new LinkedHashMap<>();
        for (Category c : taxonomy) {
            byId.put(c.id(), c);
        }
        List<Category> included = new ArrayList<>();
        if (config.categories().isEmpty()) {
            for (Category c : taxonomy) {
                if (LLAMA_GUARD_ID.matcher(c.id()).matches()
                        && !(config.variant() == LlamaGuardConfig.Variant.LLAMA_GUARD_3_1B && c.id().equals("S14"))) {
                    included.add(c);
                }
            }
        } else {
            List<String> unknown = new ArrayList<>();
            for (String id : config.categories()) {
                Category c = byId.get(id);
                if (c == null) {
                    unknown.add(id);
                } else {
                    included.add(c);
                }
            }
            if (!unknown.isEmpty()) {
                throw new IllegalArgumentException("Llama Guard categories " + unknown
                        + " are not in the policy's taxonomy " + byId.keySet());
            }
        }
        if (included.isEmpty()) {
            throw new IllegalArgumentException("Llama Guard has no category to ask about: the taxonomy " + byId.keySet()
                    + " has no S<n> id and none was configured");
        }
        Set<Integer> used = new TreeSet<>();
        for (Category c : included) {
            Matcher m = LLAMA_GUARD_ID.matcher(c.id());
            if (m.matches()) {
                used.add(Integer.parseInt(m.group(1)));
            }
        }
        Map<String, String> codes = new LinkedHashMap<>();
        StringBuilder block = new StringBuilder();
        int next = 1;
        for (Category c : included) {
            Matcher m = LLAMA_GUARD_ID.matcher(c.id());
            String code;
            boolean own = m.matches();
            if (own) {
                code = c.id();
            } else {
                while (used.contains(next)) {
                    next++;
                }
                used.add(next);
                code = "S" + next;
            }
            codes.put(code, c.id());
            if (block.length() > 0) {
                block.append('\n');
            }
            String name = c.name() == null || c.name().isBlank() ? c.id() : c.name().strip();
            block.append(code).append(": ").append(neutralise(name)).append(name.endsWith(".") ? "" : ".");
            if ((config.categoryDescriptions() || !own) && c.description() != null && !c.description().isBlank()) {
                block.append('\n').append(neutralise(c.description().strip()));
            }
        }
        this.codeToId = Collections.unmodifiableMap(codes);
        this.categoryBlock = block.toString();
        this.maxTurnChars = config.maxTurnChars();
        this.contextTurns = config.contextTurns();
    }

    /** Rendered code ({@code S1}) to taxonomy id, in prompt order. */
    public Map<String, String> codes() {
        return codeToId;
    }

    /** Taxonomy ids asked about. */
    public List<String> categoryIds() {
        return List.copyOf(codeToId.values());
    }

    /** The {@code S<n>: Name.} lines between the category markers. */
    public String categoryBlock() {
        return categoryBlock;
    }

    /** The complete raw prompt asking about the last turn of {@code assessment}. */
    public String render(Assessment assessment) {
        String role = assessment.last().role().label();
        StringBuilder sb = new StringBuilder(512 + categoryBlock.length());
        sb.append("<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\n");
        sb.append("Task: Check if there is unsafe content in '").append(role)
                .append("' messages in conversations according our safety policy with the below categories.\n\n");
        sb.append("<BEGIN UNSAFE CONTENT CATEGORIES>\n").append(categoryBlock).append("\n<END UNSAFE CONTENT CATEGORIES>\n\n");
        sb.append("<BEGIN CONVERSATION>\n\n");
        for (GuardTurn t : assessment.turns()) {
            sb.append(t.role().label()).append(": ").append(t.content()).append("\n\n");
        }
        sb.append("<END CONVERSATION>\n\n");
        sb.append("Provide your safety assessment for ONLY THE LAST ").append(role)
                .append(" message in the above conversation:\n");
        sb.append(" - First line must read 'safe' or 'unsafe'.\n");
        sb.append(" - If unsafe, a second line must include a comma-separated list of violated categories.");
        sb.append("<|eot_id|><|start_header_id|>assistant<|end_header_id|>");
        return sb.toString();
    }

    /**
     * The assessment as chat messages for a server that applies the model's chat template: roles {@code user} and
     * {@code assistant}, consecutive turns of one role merged (the template requires alternation starting with a user
     * message; an empty user message is put first when the conversation starts with the assistant).
     */
    public List<Map<String, String>> messages(Assessment assessment) {
        List<Map<String, String>> out = new ArrayList<>();
        String lastRole = null;
        StringBuilder content = new StringBuilder();
        for (GuardTurn t : assessment.turns()) {
            String role = t.role() == Role.USER ? "user" : "assistant";
            if (role.equals(lastRole)) {
                content.append("\n\n").append(t.content());
                continue;
            }
            if (lastRole != null) {
                out.add(Map.of("role", lastRole, "content", content.toString()));
            } else if (role.equals("assistant")) {
                out.add(Map.of("role", "user", "content", ""));
            }
            lastRole = role;
            content.setLength(0);
            content.append(t.content());
        }
        out.add(Map.of("role", lastRole, "content", content.toString()));
        return out;
    }

    /** Every assessment needed so that each non-blank turn of {@code input} is judged as the last message. */
    public List<Assessment> assessments(ClassificationInput input) {
        List<ClassificationInput.Turn> turns = input.conversation().isEmpty()
                ? List.of(new ClassificationInput.Turn(input.direction() == Direction.PROMPT ? "user" : "assistant",
                        input.text()))
                : input.conversation();
        List<GuardTurn> prepared = new ArrayList<>(turns.size());
        for (ClassificationInput.Turn t : turns) {
            prepared.add(new GuardTurn(role(t.role()), neutralise(TextNormalizer.forModel(t.content()))));
        }
        // a completion is judged on the model's own turns; earlier (prompt) turns are context, already judged as prompt
        boolean agentOnly = input.direction() == Direction.COMPLETION
                && prepared.stream().anyMatch(t -> t.role() == Role.AGENT && !t.content().isBlank());
        List<Assessment> out = new ArrayList<>();
        for (int i = 0; i < prepared.size(); i++) {
            GuardTurn target = prepared.get(i);
            if (target.content().isBlank() || agentOnly && target.role() != Role.AGENT) {
                continue;
            }
            List<GuardTurn> context = new ArrayList<>();
            for (int j = Math.max(0, i - contextTurns); j < i; j++) {
                GuardTurn t = prepared.get(j);
                if (!t.content().isBlank()) {
                    context.add(new GuardTurn(t.role(), tail(t.content(), maxTurnChars)));
                }
            }
            for (String chunk : chunks(target.content(), maxTurnChars)) {
                List<GuardTurn> turnsOfAssessment = new ArrayList<>(context);
                turnsOfAssessment.add(new GuardTurn(target.role(), chunk));
                out.add(new Assessment(turnsOfAssessment));
            }
        }
        return out;
    }

    /** OpenAI role to Llama Guard role: the model's own turns are the Agent's, everything else the User's. */
    static Role role(String openAiRole) {
        return "assistant".equals(openAiRole.toLowerCase(Locale.ROOT)) ? Role.AGENT : Role.USER;
    }

    /** Makes template markers and special tokens in user text harmless (see the class comment). */
    public static String neutralise(String text) {
        String s = text.replace("<|", "< |").replace("|>", "| >");
        s = MARKER.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                "[" + m.group(1).toUpperCase(Locale.ROOT) + " "
                        + m.group(2).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") + "]"));
        s = ROLE_PREFIX.matcher(s).replaceAll(m -> Matcher.quoteReplacement(
                m.group(1) + "[" + m.group(2) + "]" + m.group(3) + ":"));
        return s;
    }

    private static String tail(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int from = s.length() - max;
        if (Character.isLowSurrogate(s.charAt(from))) {
            from++;
        }
        return s.substring(from);
    }

    static List<String> chunks(String s, int max) {
        if (s.length() <= max) {
            return List.of(s);
        }
        List<String> out = new ArrayList<>();
        int step = Math.max(1, max - CHUNK_OVERLAP);
        int start = 0;
        while (true) {
            int end = Math.min(s.length(), start + max);
            if (end < s.length() && Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            out.add(s.substring(start, end));
            if (end >= s.length()) {
                return out;
            }
            start += step;
            if (Character.isLowSurrogate(s.charAt(start))) {
                start++;
            }
        }
    }
}

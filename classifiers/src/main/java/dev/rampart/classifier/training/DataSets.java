package dev.rampart.classifier.training;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads labelled texts: the generic formats {@code rampart eval} accepts (JSON Lines or CSV with a text column and a
 * label column, optionally gzip-compressed) and the shared training sets in their own shapes.
 */
public final class DataSets {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** HarmBench's semantic categories mapped onto Llama Guard 3 ids; unmapped ones keep no category. */
    private static final Map<String, String> HARMBENCH = Map.of(
            "chemical_biological", "S9",
            "illegal", "S2",
            "cybercrime_intrusion", "S2",
            "copyright", "S8");
    /** An AdvBench goal of the form "Write a tutorial on how to X": group 1 is X. */
    private static final java.util.regex.Pattern HOW_TO = java.util.regex.Pattern.compile(
            "(?i)^(?:Write|Create|Develop|Provide|Give|Explain|Teach|Design|Outline|Generate|Produce|Instruct users|Instruct"
                    + "|Describe|Show|Demonstrate|Publish|Post)\\b.*?\\bhow (?:to|one can|someone can|people can) (.+?)\\.?$");
    private static final List<String> QUESTIONS = List.of("How do I %s?", "how can someone %s?",
            "What's the best way to %s?", "is there an easy way to %s?");
    private static final List<String> SOLVE = List.of("Solve this step by step: ", "Work out the answer: ",
            "Show your working for this problem: ");
    private static final List<String> TEXT_FIELDS = List.of("text", "prompt", "goal", "content", "input", "question");
    private static final List<String> LABEL_FIELDS = List.of("label", "unsafe", "flagged", "harmful", "is_unsafe");

    private DataSets() {
    }

    /**
     * A generic file: {@code .jsonl} (objects with a text field — text, prompt, goal, content, input or question —
     * and a label field — label, unsafe, flagged, harmful or is_unsafe; optional category) or {@code .csv} with a header
     * naming those columns. Labels may be 0/1, true/false, safe/unsafe, or harmful/benign.
     */
    public static List<LabeledText> read(Path file, String textField, String labelField) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String source = file.getFileName().toString();
        List<LabeledText> out = new ArrayList<>();
        if (name.endsWith(".csv") || name.endsWith(".csv.gz")) {
            List<List<String>> rows = Csv.parse(text(file));
            if (rows.isEmpty()) {
                return out;
            }
            List<String> header = rows.get(0);
            int t = column(header, textField, TEXT_FIELDS, file);
            int l = column(header, labelField, LABEL_FIELDS, file);
            int c = header.indexOf("category");
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() <= Math.max(t, l) || row.get(t).isBlank()) {
                    continue;
                }
                out.add(new LabeledText(row.get(t), label(row.get(l), file, r + 1),
                        c >= 0 && c < row.size() && !row.get(c).isBlank() ? row.get(c) : null, source));
            }
            return out;
        }
        int lineNo = 0;
        for (String line : text(file).split("\n")) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            JsonNode n = JSON.readTree(line);
            String text = field(n, textField, TEXT_FIELDS);
            String label = field(n, labelField, LABEL_FIELDS);
            if (text == null || label == null) {
                throw new IllegalArgumentException(file + ":" + lineNo + ": needs a text field (" + TEXT_FIELDS
                        + ") and a label field (" + LABEL_FIELDS + ")");
            }
            JsonNode cat = n.get("category");
            JsonNode style = n.get("style");
            out.add(new LabeledText(text, label(label, file, lineNo),
                    cat == null || cat.isNull() ? null : cat.asText(), source, text,
                    style == null || style.isNull() ? null : style.asText()));
        }
        return out;
    }

    /** The shared training data under {@code dir} (see ../shared/README.md): harmful and benign prompts. */
    public static List<LabeledText> shared(Path dir) throws IOException {
        List<LabeledText> out = new ArrayList<>();
        List<List<String>> adv = Csv.parse(text(dir.resolve("advbench/harmful_behaviors.csv")));
        int asked = 0;
        for (int r = 1; r < adv.size(); r++) {
            String goal = adv.get(r).get(0);
            out.add(new LabeledText(goal, true, null, "advbench"));
            java.util.regex.Matcher how = HOW_TO.matcher(goal.strip());
            if (how.matches() && !how.group().substring(0, how.start(1)).matches("(?is).*\\b(child|children|kids?|minors?|teens?)\\b.*")) {
                // the same intent as a short question: AdvBench's goals are all imperatives, and a head trained on them
                // alone learns "imperative -> unsafe, question -> safe"
                String question = String.format(QUESTIONS.get(asked++ % QUESTIONS.size()), how.group(1));
                out.add(new LabeledText(question, true, null, "advbench-questions", question, "question"));
            }
        }
        List<List<String>> hb = Csv.parse(text(dir.resolve("harmbench/harmbench_behaviors_text_all.csv")));
        for (int r = 1; r < hb.size(); r++) {
            List<String> row = hb.get(r);
            if (!row.get(4).isBlank()) {
                continue; // contextual behaviours need their context string: the behaviour alone is not the prompt
            }
            out.add(new LabeledText(row.get(0), true, HARMBENCH.get(row.get(2)), "harmbench"));
        }
        for (String f : List.of("mt-bench/mt_bench_question.jsonl", "mt-bench/vicuna_bench_question.jsonl")) {
            for (String line : text(dir.resolve(f)).split("\n")) {
                if (!line.isBlank()) {
                    for (JsonNode turn : JSON.readTree(line).path("turns")) {
                        out.add(new LabeledText(turn.asText(), false, null, "mt-bench"));
                    }
                }
            }
        }
        int problem = 0;
        for (String line : text(dir.resolve("gsm8k-test/test.jsonl")).split("\n")) {
            if (!line.isBlank()) {
                String question = JSON.readTree(line).path("question").asText();
                // every second problem as an instruction: benign imperatives against the harmful ones
                String text = problem % 2 == 1 ? SOLVE.get(problem / 2 % SOLVE.size()) + question : question;
                problem++;
                out.add(new LabeledText(text, false, null, "gsm8k"));
            }
        }
        out.addAll(moderation(dir));
        return out;
    }

    /**
     * The moderation-style sets, each used when present: ToxiGen's human-written statements (hate → S10, neutral →
     * safe: statements that mention identity groups), HateCheck's functional cases (every non-hateful contrast case —
     * negation, counter-speech, quoting, reclaimed slurs, profanity — and every fourth hateful one; threats → S1,
     * the rest S10) and Davidson et al.'s tweets (every third hate-speech tweet → S10, every sixth "neither" tweet →
     * safe; the "offensive" class is left out: profanity is not a violation, but its directed insults are not clearly
     * safe either). Row-index sampling keeps the selection fixed.
     */
    static List<LabeledText> moderation(Path dir) throws IOException {
        List<LabeledText> out = new ArrayList<>();
        Path toxigen = dir.resolve("toxigen-statements/statements.jsonl");
        if (Files.isRegularFile(toxigen)) {
            for (String line : text(toxigen).split("\n")) {
                if (!line.isBlank()) {
                    JsonNode n = JSON.readTree(line);
                    boolean hate = "hate".equals(n.path("label").asText());
                    out.add(new LabeledText(n.path("text").asText(), hate, hate ? "S10" : null, "toxigen"));
                }
            }
        }
        Path hatecheck = dir.resolve("hatecheck/test_suite_cases.csv");
        if (Files.isRegularFile(hatecheck)) {
            List<List<String>> rows = Csv.parse(text(hatecheck));
            List<String> header = rows.get(0);
            int f = header.indexOf("functionality");
            int t = header.indexOf("test_case");
            int l = header.indexOf("label_gold");
            int hateful = 0;
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() <= Math.max(f, Math.max(t, l)) || row.get(t).isBlank()) {
                    continue;
                }
                boolean hate = "hateful".equals(row.get(l));
                if (hate && hateful++ % 4 != 0) {
                    continue;
                }
                String category = !hate ? null : row.get(f).startsWith("threat") ? "S1" : "S10";
                out.add(new LabeledText(row.get(t).strip(), hate, category, "hatecheck"));
            }
        }
        Path davidson = dir.resolve("davidson-hate-offensive/labeled_data.csv");
        if (Files.isRegularFile(davidson)) {
            List<List<String>> rows = Csv.parse(text(davidson));
            List<String> header = rows.get(0);
            int c = header.indexOf("class");
            int t = header.indexOf("tweet");
            int hate = 0;
            int neither = 0;
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() <= Math.max(c, t)) {
                    continue;
                }
                String tweet = tweet(row.get(t));
                if (tweet.isBlank()) {
                    continue;
                }
                if ("0".equals(row.get(c)) && hate++ % 3 == 0) {
                    out.add(new LabeledText(tweet, true, "S10", "davidson"));
                } else if ("2".equals(row.get(c)) && neither++ % 6 == 0) {
                    out.add(new LabeledText(tweet, false, null, "davidson"));
                }
            }
        }
        return out;
    }

    /** A tweet as text: retweet markers, handles, links and HTML entities tidied. */
    static String tweet(String raw) {
        return raw.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&#8220;", "\"")
                .replace("&#8221;", "\"").replaceAll("&#\\d+;", "")
                .replaceAll("\\bRT\\b", " ").replaceAll("@\\w+:?", "@user").replaceAll("https?://\\S+", "")
                .replaceAll("^[!\\s]+", "").replaceAll("\\s+", " ").strip();
    }

    private static int column(List<String> header, String wanted, List<String> candidates, Path file) {
        if (wanted != null) {
            int i = header.indexOf(wanted);
            if (i < 0) {
                throw new IllegalArgumentException(file + ": no column '" + wanted + "' in " + header);
            }
            return i;
        }
        for (String c : candidates) {
            int i = header.indexOf(c);
            if (i >= 0) {
                return i;
            }
        }
        throw new IllegalArgumentException(file + ": needs one of the columns " + candidates + ", header is " + header);
    }

    private static String field(JsonNode n, String wanted, List<String> candidates) {
        for (String c : wanted != null ? List.of(wanted) : candidates) {
            JsonNode v = n.get(c);
            if (v != null && !v.isNull()) {
                return v.asText();
            }
        }
        return null;
    }

    static boolean label(String raw, Path file, int line) {
        return switch (raw.trim().toLowerCase(Locale.ROOT)) {
            case "1", "true", "unsafe", "harmful", "yes", "flagged", "1.0" -> true;
            case "0", "false", "safe", "benign", "no", "harmless", "0.0" -> false;
            default -> throw new IllegalArgumentException(file + ":" + line + ": label '" + raw
                    + "' is not one of 0/1, true/false, safe/unsafe, benign/harmful");
        };
    }

    private static String text(Path file) throws IOException {
        try (InputStream raw = Files.newInputStream(file);
             InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
             BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[8192];
            for (int n; (n = r.read(buf)) > 0; ) {
                sb.append(buf, 0, n);
            }
            return sb.toString();
        }
    }
}

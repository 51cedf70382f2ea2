package dev.rampart.classifier.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The BERT WordPiece tokenizer of a Hugging Face {@code tokenizer.json} ({@code BertNormalizer},
 * {@code BertPreTokenizer}, {@code WordPiece} model), in pure Java: no native library, nothing phones home.
 * It produces ids without special tokens; {@link TokenWindows} adds {@code [CLS]}/{@code [SEP]} and splits long texts.
 */
public final class WordPieceTokenizer {
    private final Map<String, Integer> vocab;
    private final String continuingPrefix;
    private final int maxCharsPerWord;
    private final boolean lowercase;
    private final boolean stripAccents;
    private final boolean handleChineseChars;
    private final int unkId;
    private final int clsId;
    private final int sepId;
    private final int padId;

    private WordPieceTokenizer(Map<String, Integer> vocab, String continuingPrefix, int maxCharsPerWord,
                               boolean lowercase, boolean stripAccents, boolean handleChineseChars, String unk) {
        this.vocab = Map.copyOf(vocab);
        this.continuingPrefix = continuingPrefix;
        this.maxCharsPerWord = maxCharsPerWord;
        this.lowercase = lowercase;
        this.stripAccents = stripAccents;
        this.handleChineseChars = handleChineseChars;
        this.unkId = required(unk);
        this.clsId = required("[CLS]");
        this.sepId = required("[SEP]");
        this.padId = vocab.getOrDefault("[PAD]", 0);
    }

    private int required(String token) {
        Integer id = vocab.get(token);
        if (id == null) {
            throw new IllegalArgumentException("tokenizer.json: vocabulary has no " + token + " token");
        }
        return id;
    }

    /** Reads a {@code tokenizer.json}; anything but a BERT WordPiece tokenizer is refused with the reason. */
    public static WordPieceTokenizer fromJson(InputStream in) throws IOException {
        JsonNode root = new ObjectMapper().readTree(in);
        JsonNode model = root.path("model");
        if (!"WordPiece".equals(model.path("type").asText())) {
            throw new IllegalArgumentException("tokenizer.json: model.type must be WordPiece, but was '"
                    + model.path("type").asText() + "'");
        }
        Map<String, Integer> vocab = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = model.path("vocab").fields(); it.hasNext(); ) {
            var e = it.next();
            vocab.put(e.getKey(), e.getValue().asInt());
        }
        JsonNode normalizer = root.path("normalizer");
        boolean lowercase = normalizer.path("lowercase").asBoolean(true);
        JsonNode strip = normalizer.path("strip_accents");
        boolean stripAccents = strip.isNull() || strip.isMissingNode() ? lowercase : strip.asBoolean();
        return new WordPieceTokenizer(vocab, model.path("continuing_subword_prefix").asText("##"),
                model.path("max_input_chars_per_word").asInt(100), lowercase, stripAccents,
                normalizer.path("handle_chinese_chars").asBoolean(true), model.path("unk_token").asText("[UNK]"));
    }

    public int clsId() {
        return clsId;
    }

    public int sepId() {
        return sepId;
    }

    public int padId() {
        return padId;
    }

    public int vocabularySize() {
        return vocab.size();
    }

    /** The WordPiece ids of a text, without special tokens. */
    public int[] encode(String text) {
        List<Integer> ids = new ArrayList<>();
        for (String word : preTokenize(normalize(text))) {
            wordPiece(word, ids);
        }
        int[] out = new int[ids.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.get(i);
        }
        return out;
    }

    /** The tokens of a text as strings (for tests and explanations). */
    public List<String> tokens(String text) {
        Map<Integer, String> byId = new HashMap<>();
        vocab.forEach((k, v) -> byId.put(v, k));
        List<String> out = new ArrayList<>();
        for (int id : encode(text)) {
            out.add(byId.get(id));
        }
        return out;
    }

    private String normalize(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(cp -> {
            if (cp == 0 || cp == 0xFFFD || isControl(cp)) {
                return;
            }
            if (isWhitespace(cp)) {
                sb.append(' ');
            } else if (handleChineseChars && isCjk(cp)) {
                sb.append(' ').appendCodePoint(cp).append(' ');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString();
        if (stripAccents) {
            s = Normalizer.normalize(s, Normalizer.Form.NFD);
            StringBuilder stripped = new StringBuilder(s.length());
            s.codePoints().filter(cp -> Character.getType(cp) != Character.NON_SPACING_MARK)
                    .forEach(stripped::appendCodePoint);
            s = stripped.toString();
        }
        return lowercase ? s.toLowerCase(java.util.Locale.ROOT) : s;
    }

    private static List<String> preTokenize(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (cp == ' ') {
                flush(current, words);
            } else if (isPunctuation(cp)) {
                flush(current, words);
                words.add(new String(Character.toChars(cp)));
            } else {
                current.appendCodePoint(cp);
            }
        }
        flush(current, words);
        return words;
    }

    private static void flush(StringBuilder current, List<String> words) {
        if (current.length() > 0) {
            words.add(current.toString());
            current.setLength(0);
        }
    }

    private void wordPiece(String word, List<Integer> out) {
        if (word.codePointCount(0, word.length()) > maxCharsPerWord) {
            out.add(unkId);
            return;
        }
        int start = 0;
        int mark = out.size();
        while (start < word.length()) {
            int end = word.length();
            Integer found = null;
            while (start < end) {
                String piece = start == 0 ? word.substring(start, end) : continuingPrefix + word.substring(start, end);
                found = vocab.get(piece);
                if (found != null) {
                    break;
                }
                end--;
                if (end > start && Character.isLowSurrogate(word.charAt(end))) {
                    end--;
                }
            }
            if (found == null) {
                while (out.size() > mark) {
                    out.remove(out.size() - 1);
                }
                out.add(unkId);
                return;
            }
            out.add(found);
            start = end;
        }
    }

    private static boolean isWhitespace(int cp) {
        return cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || Character.getType(cp) == Character.SPACE_SEPARATOR;
    }

    private static boolean isControl(int cp) {
        if (cp == '\t' || cp == '\n' || cp == '\r') {
            return false;
        }
        int type = Character.getType(cp);
        return type == Character.CONTROL || type == Character.FORMAT
                || type == Character.PRIVATE_USE || type == Character.SURROGATE || type == Character.UNASSIGNED;
    }

    private static boolean isPunctuation(int cp) {
        if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONNECTOR_PUNCTUATION, Character.DASH_PUNCTUATION, Character.START_PUNCTUATION,
                 Character.END_PUNCTUATION, Character.INITIAL_QUOTE_PUNCTUATION, Character.FINAL_QUOTE_PUNCTUATION,
                 Character.OTHER_PUNCTUATION -> true;
            default -> false;
        };
    }

    private static boolean isCjk(int cp) {
        return (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x20000 && cp <= 0x2A6DF)
                || (cp >= 0x2A700 && cp <= 0x2B73F) || (cp >= 0x2B740 && cp <= 0x2B81F) || (cp >= 0x2B820 && cp <= 0x2CEAF)
                || (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x2F800 && cp <= 0x2FA1F);
    }
}

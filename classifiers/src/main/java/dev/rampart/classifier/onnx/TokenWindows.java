package dev.rampart.classifier.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits a token sequence into model inputs of at most {@code maxLength} tokens ({@code [CLS] … [SEP]} included),
 * overlapping by {@code overlap} tokens so that nothing straddling a boundary is missed; a text's score is the maximum
 * over its windows. Every window is returned — nothing is sampled or skipped, so a sentence anywhere in a long text is
 * read; a text that needs more than {@code maxWindows} windows is refused with {@link TooManyWindows} (the classifier
 * reports an error and the category's {@code on_error} applies) rather than partly read. Callers bound the work per
 * request by the characters they accept, not by dropping windows.
 */
public record TokenWindows(int maxLength, int overlap, int maxWindows) {
    /** No limit on windows: the caller bounds the text length instead. */
    public static final int UNLIMITED = Integer.MAX_VALUE;

    public TokenWindows {
        if (maxLength < 8) {
            throw new IllegalArgumentException("max_length must be at least 8, but was " + maxLength);
        }
        if (overlap < 0 || overlap >= maxLength - 2) {
            throw new IllegalArgumentException("overlap must be in [0, max_length - 2), but was " + overlap);
        }
        if (maxWindows < 1) {
            throw new IllegalArgumentException("max_windows must be at least 1, but was " + maxWindows);
        }
    }

    /** The windows of one text, each with its special tokens. */
    public List<int[]> split(int[] ids, int clsId, int sepId) {
        int body = maxLength - 2;
        int stride = body - overlap;
        List<Integer> starts = new ArrayList<>();
        for (int start = 0; ; start += stride) {
            starts.add(start);
            if (start + body >= ids.length) {
                break;
            }
        }
        if (starts.size() > maxWindows) {
            throw new TooManyWindows(starts.size(), maxWindows);
        }
        List<int[]> windows = new ArrayList<>(starts.size());
        for (int start : starts) {
            int end = Math.min(ids.length, start + body);
            int[] window = new int[end - start + 2];
            window[0] = clsId;
            System.arraycopy(ids, start, window, 1, end - start);
            window[window.length - 1] = sepId;
            windows.add(window);
        }
        return windows;
    }

    /**
     * Windows that follow sentence boundaries: whole sentences are packed into each window (the last sentence of a
     * window is repeated at the start of the next, so a statement spanning two sentences is seen together), and only a
     * sentence longer than a window is cut by tokens with the overlap. Short windows keep one unsafe sentence from being
     * diluted by pages of benign text around it.
     *
     * At most {@code maxSentences} sentences go in one window: with 2, every pair of neighbouring sentences is one
     * window, so an unsafe sentence is never judged among more than one other.
     *
     * @param sentences the token ids of each sentence, in order
     */
    public List<int[]> splitSentences(List<int[]> sentences, int clsId, int sepId, int maxSentences) {
        int body = maxLength - 2;
        List<int[]> pieces = new ArrayList<>();
        for (int[] s : sentences) {
            if (s.length == 0) {
                continue;
            }
            if (s.length <= body) {
                pieces.add(s);
            } else {
                for (int[] w : split(s, clsId, sepId)) {
                    pieces.add(Arrays.copyOfRange(w, 1, w.length - 1));
                }
            }
        }
        List<int[]> windows = new ArrayList<>();
        int i = 0;
        while (i < pieces.size()) {
            int length = pieces.get(i).length;
            int j = i + 1;
            while (j < pieces.size() && j - i < maxSentences && length + pieces.get(j).length <= body) {
                length += pieces.get(j).length;
                j++;
            }
            int[] window = new int[length + 2];
            window[0] = clsId;
            int at = 1;
            for (int k = i; k < j; k++) {
                System.arraycopy(pieces.get(k), 0, window, at, pieces.get(k).length);
                at += pieces.get(k).length;
            }
            window[at] = sepId;
            windows.add(window);
            i = j - i > 1 && j < pieces.size() ? j - 1 : j;
        }
        if (windows.isEmpty()) {
            windows.add(new int[] {clsId, sepId});
        }
        if (windows.size() > maxWindows) {
            throw new TooManyWindows(windows.size(), maxWindows);
        }
        return windows;
    }

    /** A text needs more windows than allowed: it is refused whole, never partly read. Cheap: no stack trace. */
    public static final class TooManyWindows extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        TooManyWindows(int needed, int allowed) {
            super("text needs " + needed + " windows, more than max_windows " + allowed);
        }

        @Override
        public synchronized Throwable fillInStackTrace() {
            return this;
        }
    }

    /** A short description for logs and model cards. */
    @Override
    public String toString() {
        return "windows(max_length=" + maxLength + ", overlap=" + overlap + ", max_windows=" + maxWindows + ")";
    }

    static long[] padded(int[] window, int length, int padId) {
        long[] out = new long[length];
        Arrays.fill(out, padId);
        for (int i = 0; i < window.length; i++) {
            out[i] = window[i];
        }
        return out;
    }
}

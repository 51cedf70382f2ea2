package dev.rampart.classifier.normalize;

import dev.rampart.policy.Span;

/**
 * Text as classifiers see it, with the way back to the original.
 *
 * <p>Index {@code i} of {@link #text()} came from the original chars {@code [toOriginal[i], toOriginalEnd[i])}. Chars
 * of an appended variant (a decoded base64/hex/%-encoded run, the leetspeak reading) map to the whole encoded run or
 * to the chars they were read from, so a span found anywhere maps back to original coordinates.
 *
 * @param text          the normalised text: the main part, then appended variants, each after a {@code '\n'}
 * @param toOriginal    for each char of {@code text}, the first original index it came from; one extra entry at the end
 *                      maps {@code text.length()} to the original's length
 * @param toOriginalEnd for each char of {@code text}, the original index just past the chars it came from (same length)
 * @param mainLength    length of the main part of {@code text}, before any appended variant
 */
public record NormalizedText(String text, int[] toOriginal, int[] toOriginalEnd, int mainLength) {

    public NormalizedText {
        if (toOriginal.length != text.length() + 1 || toOriginalEnd.length != text.length() + 1) {
            throw new IllegalArgumentException("index maps must have text.length() + 1 = " + (text.length() + 1)
                    + " entries, but had " + toOriginal.length + " and " + toOriginalEnd.length);
        }
        if (mainLength < 0 || mainLength > text.length()) {
            throw new IllegalArgumentException("mainLength must be between 0 and " + text.length() + ", but was " + mainLength);
        }
    }

    /** The main part only: the normalised original, without appended decoded or leetspeak variants. */
    public String mainText() {
        return text.substring(0, mainLength);
    }

    /** Whether {@code text} has appended variants (decoded segments or a leetspeak reading). */
    public boolean hasVariants() {
        return mainLength < text.length();
    }

    /**
     * Maps a span {@code [start, end)} of the normalised text to {@code {originalStart, originalEnd}}: the smallest
     * original range covering every char the span came from. An empty span maps to an empty range.
     */
    public int[] originalSpan(int start, int end) {
        if (start < 0 || end > text.length() || start > end) {
            throw new IndexOutOfBoundsException("span [" + start + ", " + end + ") is outside [0, " + text.length() + "]");
        }
        if (start == end) {
            int at = toOriginal[start];
            return new int[] {at, at};
        }
        int s = Integer.MAX_VALUE;
        int e = 0;
        for (int i = start; i < end; i++) {
            s = Math.min(s, toOriginal[i]);
            e = Math.max(e, toOriginalEnd[i]);
        }
        return new int[] {s, e};
    }

    /** Maps a span of the normalised text to a {@link Span} of the original for {@code category}. */
    public Span originalSpan(int start, int end, String category) {
        int[] o = originalSpan(start, end);
        return new Span(o[0], o[1], category);
    }
}

package dev.rampart.classifier.normalize;

/**
 * Text as classifiers see it, with the way back to the original.
 *
 * @param text       the normalised text (may end with decoded copies of encoded segments)
 * @param toOriginal for each char of {@code text}, the index in the original it came from; one extra entry at the end
 *                   maps {@code text.length()} to the original's end
 * @param toOriginalEnd for each char of {@code text}, the index just past the original chars it came from
 */
public record NormalizedText(String text, int[] toOriginal, int[] toOriginalEnd) {

    /** Maps a span {@code [start, end)} of the normalised text to the original text. */
    public int[] originalSpan(int start, int end) {
        if (start >= end) {
            int at = toOriginal[Math.min(start, toOriginal.length - 1)];
            return new int[] {at, at};
        }
        int s = toOriginal[start];
        int e = toOriginalEnd[end - 1];
        for (int i = start; i < end; i++) {
            s = Math.min(s, toOriginal[i]);
            e = Math.max(e, toOriginalEnd[i]);
        }
        return new int[] {s, e};
    }
}

package dev.rampart.classifier.pattern;

/**
 * A char sequence that stops a regular expression which reads far more characters than the text has — the mark of
 * catastrophic backtracking — by throwing {@link BudgetExceeded}. The budget is linear in the text length.
 */
final class BudgetedText implements CharSequence {
    private final String text;
    private final long[] remaining;

    BudgetedText(String text, long budget) {
        this(text, new long[] {budget});
    }

    private BudgetedText(String text, long[] remaining) {
        this.text = text;
        this.remaining = remaining;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        if (--remaining[0] < 0) {
            throw new BudgetExceeded();
        }
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return new BudgetedText(text.substring(start, end), remaining);
    }

    @Override
    public String toString() {
        return text;
    }

    /** A pattern used up its budget on this text. */
    static final class BudgetExceeded extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BudgetExceeded() {
            super("pattern matching budget exceeded", null, false, false);
        }
    }
}

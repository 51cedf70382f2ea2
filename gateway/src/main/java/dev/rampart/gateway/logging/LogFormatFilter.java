package dev.rampart.gateway.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.filter.Filter;
import ch.qos.logback.core.spi.FilterReply;

/**
 * Lets an appender write only when it is the selected log format ({@code RAMPART_LOG_FORMAT}): {@code json} selects
 * the JSON appender, anything else (or nothing) the text one. Both appenders stay referenced, so Logback configures
 * them quietly, and an unknown value still logs (as text) instead of losing every line.
 */
public final class LogFormatFilter extends Filter<ILoggingEvent> {
    private String selected = "text";
    private String format = "text";
    private boolean active = true;

    /** The value of {@code RAMPART_LOG_FORMAT}. */
    public void setSelected(String selected) {
        this.selected = selected == null ? "" : selected.trim().toLowerCase(java.util.Locale.ROOT);
    }

    /** This appender's format: {@code text} or {@code json}. */
    public void setFormat(String format) {
        this.format = format == null ? "text" : format.trim().toLowerCase(java.util.Locale.ROOT);
    }

    @Override
    public void start() {
        boolean json = "json".equals(selected);
        active = "json".equals(format) == json;
        super.start();
    }

    @Override
    public FilterReply decide(ILoggingEvent event) {
        return active ? FilterReply.NEUTRAL : FilterReply.DENY;
    }
}

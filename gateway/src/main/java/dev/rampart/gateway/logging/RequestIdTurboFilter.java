package dev.rampart.gateway.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * Runs before every log statement, on the logging thread: puts the request id of the current Vert.x request context
 * into the MDC (or removes a stale one), so each log event carries the id of the request it was written for. Decides
 * nothing ({@link FilterReply#NEUTRAL}).
 */
public final class RequestIdTurboFilter extends TurboFilter {
    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        String id = RequestLogContext.current();
        if (id != null) {
            MDC.put(RequestLogContext.MDC_KEY, id);
        } else if (MDC.get(RequestLogContext.MDC_KEY) != null) {
            MDC.remove(RequestLogContext.MDC_KEY);
        }
        return FilterReply.NEUTRAL;
    }
}

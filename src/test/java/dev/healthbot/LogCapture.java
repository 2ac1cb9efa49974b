package dev.healthbot;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.StackTraceElementProxy;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.slf4j.LoggerFactory;

/**
 * Captures every log event of this JVM, fully rendered (message, exception messages and stack traces), from
 * {@link #attach} until {@link #close}; thread-safe.
 */
final class LogCapture extends AppenderBase<ILoggingEvent> implements AutoCloseable {

    /** One captured event, rendered to text. */
    record Line(Level level, String logger, String text, boolean hasThrowable) {
        @Override
        public String toString() {
            return level + " " + logger + " " + text;
        }
    }

    private final ConcurrentLinkedQueue<Line> lines = new ConcurrentLinkedQueue<>();

    static LogCapture attach() {
        LogCapture c = new LogCapture();
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        c.setContext(root.getLoggerContext());
        c.setName("capture-" + System.identityHashCode(c));
        c.start();
        root.addAppender(c);
        return c;
    }

    @Override
    protected void append(ILoggingEvent e) {
        StringBuilder b = new StringBuilder(e.getFormattedMessage() == null ? "" : e.getFormattedMessage());
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
            b.append(" | ").append(t.getClassName()).append(": ").append(t.getMessage());
            for (StackTraceElementProxy s : t.getStackTraceElementProxyArray()) {
                b.append(" at ").append(s.getSTEAsString());
            }
        }
        lines.add(new Line(e.getLevel(), e.getLoggerName(), b.toString(), e.getThrowableProxy() != null));
    }

    List<Line> lines() {
        return new ArrayList<>(lines);
    }

    /** Lines at ERROR, with an exception attached, or naming an exception. */
    List<Line> problems() {
        return lines().stream()
                .filter(l -> l.level().isGreaterOrEqual(Level.ERROR)
                        || l.hasThrowable()
                        || l.text().contains("Exception"))
                .toList();
    }

    @Override
    public void close() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.detachAppender(this);
        stop();
    }
}

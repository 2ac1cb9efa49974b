package dev.healthbot;

import ch.qos.logback.core.PropertyDefinerBase;
import dev.healthbot.config.HealthBotConfig;
import java.util.ArrayList;

/**
 * Tells {@code logback.xml} which appender to use, {@code text} or {@code json}, from
 * {@code HEALTHBOT_LOG_FORMAT}; created by logback when logging starts. A bad value logs as text and is
 * refused by the configuration check.
 */
public final class LogFormat extends PropertyDefinerBase {

    @Override
    public String getPropertyValue() {
        return HealthBotConfig.logFormat(System.getenv(), new ArrayList<>());
    }
}

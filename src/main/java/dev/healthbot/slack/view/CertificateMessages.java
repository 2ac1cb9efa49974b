package dev.healthbot.slack.view;

import dev.healthbot.alert.CertificateAlert;
import java.time.Duration;
import java.util.List;

/** The Block Kit of certificate posts: the expiry warning, and the renewal note in its thread; pure. */
public final class CertificateMessages {

    private CertificateMessages() {}

    public static AlertMessages.Message warning(CertificateAlert a) {
        String header = ":warning: " + a.monitorName() + ": certificate " + expires(a.left());
        return new AlertMessages.Message(
                BlockKit.cut(header + " (" + a.environment() + ")", 3000),
                List.of(
                        BlockKit.header(header),
                        BlockKit.section("*Environment:* " + a.environment() + "\n"
                                + "*Target:* " + BlockKit.code(BlockKit.cut(a.target(), 300)) + "\n"
                                + "*Expires:* " + Texts.date(a.notAfter()) + " (" + daysLeft(a.left()) + ")\n"
                                + "*Warning step:* " + step(a.step())),
                        BlockKit.context("*" + BlockKit.escape(a.monitorName())
                                + "* · seen in its own checks · a renewed certificate will be noted in this thread")));
    }

    public static AlertMessages.Message renewed(CertificateAlert a) {
        String text = ":white_check_mark: " + a.monitorName() + " has a renewed certificate, valid until "
                + a.renewedNotAfter() + " (" + daysLeft(a.left()) + ")";
        return new AlertMessages.Message(
                BlockKit.cut(text, 3000),
                List.of(
                        BlockKit.section("*:white_check_mark: " + BlockKit.escape(a.monitorName())
                                + " has a renewed certificate*, valid until " + Texts.date(a.renewedNotAfter()) + " ("
                                + daysLeft(a.left()) + ")"),
                        BlockKit.context("It replaces the certificate warned of (valid until "
                                + Texts.date(a.notAfter()) + ")" + " · warnings start again for the new one")));
    }

    /** {@code expires in 5 days}, {@code expires in less than a day}, {@code has expired}. */
    static String expires(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "has expired";
        }
        long days = days(left);
        return days < 1 ? "expires in less than a day" : "expires in " + days + (days == 1 ? " day" : " days");
    }

    /** Days left as {@code list} and {@code check} show them: {@code cert 5 d}, {@code cert < 1 d}, {@code cert expired}. */
    public static String shortLeft(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "cert expired";
        }
        long days = days(left);
        return days < 1 ? "cert < 1 d" : "cert " + days + " d";
    }

    /**
     * Whole days left for people: under a day is 0, otherwise rounded to the nearest day, so a certificate
     * made "for 5 days" a minute ago reads 5, not 4.
     */
    static long days(Duration left) {
        if (left.compareTo(Duration.ofDays(1)) < 0) {
            return 0;
        }
        return Math.round(left.toMinutes() / (24.0 * 60));
    }

    private static String daysLeft(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        long days = days(left);
        return days < 1 ? "less than a day left" : days + (days == 1 ? " day left" : " days left");
    }

    private static String step(Duration step) {
        if (step == null) {
            return "-";
        }
        long ms = step.toMillis();
        long day = Duration.ofDays(1).toMillis();
        return ms % day == 0 ? "under " + step.toDays() + " d" : "under " + step.toHours() + " h";
    }
}

package dev.healthbot.slack.view;

import dev.healthbot.alert.CertificateAlert;
import dev.healthbot.alert.CertificateRule;
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
                        BlockKit.context("The certificate warned of expired " + Texts.date(a.notAfter())
                                + " · warnings start again for the new one")));
    }

    /** {@code expires in 5 days}, {@code expires in less than a day}, {@code has expired}. */
    static String expires(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "has expired";
        }
        long days = CertificateRule.daysLeft(left);
        return days < 1 ? "expires in less than a day" : "expires in " + days + (days == 1 ? " day" : " days");
    }

    /** Days left as {@code list} and {@code check} show them: {@code cert 5 d}, {@code cert expired}. */
    public static String shortLeft(Duration left) {
        return left.isNegative() || left.isZero() ? "cert expired" : "cert " + CertificateRule.daysLeft(left) + " d";
    }

    private static String daysLeft(Duration left) {
        if (left.isNegative() || left.isZero()) {
            return "expired";
        }
        long days = CertificateRule.daysLeft(left);
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

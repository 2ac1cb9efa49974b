package dev.healthbot;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.healthbot.monitor.Durations;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the import rules of ARCHITECTURE.md true: a wrong import fails the build. */
class ArchitectureTest {

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.healthbot");
    }

    private static void only(String pkg, String... allowed) {
        String[] all = new String[allowed.length + 2];
        all[0] = "java..";
        all[1] = "dev.healthbot." + pkg + "..";
        System.arraycopy(allowed, 0, all, 2, allowed.length);
        ArchRule rule = classes()
                .that()
                .resideInAPackage("dev.healthbot." + pkg + "..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(all)
                .allowEmptyShould(true);
        rule.check(classes);
    }

    @Test
    void theCoreImportsOnlyTheJdk() {
        only("monitor");
    }

    /**
     * Configuration reads durations with the core's one parser ({@link Durations}, itself JDK only),
     * so that a server's interval and a setting such as the alert max age accept the same forms.
     */
    @Test
    void configImportsOnlyTheJdkAndTheCoresDurationParser() {
        classes()
                .that()
                .resideInAPackage("dev.healthbot.config..")
                .should()
                .onlyDependOnClassesThat(JavaClass.Predicates.resideInAnyPackage("java..", "dev.healthbot.config..")
                        .or(JavaClass.Predicates.equivalentTo(Durations.class)))
                .check(classes);
    }

    @Test
    void alertsImportOnlyTheCore() {
        only("alert", "dev.healthbot.monitor..");
    }

    /** Error groups are core: plain Java over the domain and the alert outbox's values. */
    @Test
    void errorReportsImportOnlyTheCore() {
        only("errors", "dev.healthbot.monitor..", "dev.healthbot.alert..");
    }

    /** History is core: plain Java over the domain and the incidents and windows of alerting. */
    @Test
    void historyImportsOnlyTheCore() {
        only("history", "dev.healthbot.monitor..", "dev.healthbot.alert..");
    }

    @Test
    void probesImportTheCoreAndTheirClients() {
        only(
                "probe",
                "dev.healthbot.monitor..",
                "okhttp3..",
                "okio..",
                "kotlin..",
                "org.java_websocket..",
                "org.slf4j..",
                "javax.net..",
                // JSON assertions: Jayway JSONPath over Gson
                "com.jayway.jsonpath..",
                "com.google.gson..");
    }

    @Test
    void storeImportsTheCoreAndJdbi() {
        only(
                "store",
                "dev.healthbot.monitor..",
                "dev.healthbot.alert..",
                "dev.healthbot.errors..",
                "dev.healthbot.history..",
                "org.jdbi..",
                "org.sqlite..",
                "org.slf4j..");
    }

    @Test
    void scheduleImportsTheCoreAndQuartz() {
        only("schedule", "dev.healthbot.monitor..", "dev.healthbot.alert..", "org.quartz..", "org.slf4j..");
    }

    @Test
    void slackTalksToUseCasesNotToStoreOrProbes() {
        only(
                "slack",
                "dev.healthbot.monitor..",
                "dev.healthbot.alert..",
                "dev.healthbot.errors..",
                "dev.healthbot.history..",
                "com.slack..",
                "com.google.gson..",
                "org.slf4j..",
                // only because the SDK's SlackApiException carries the HTTP response (status, Retry-After)
                "okhttp3..");
    }

    private static void never(String pkg, String... forbidden) {
        noClasses()
                .that()
                .resideInAPackage("dev.healthbot.slack." + pkg + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .check(classes);
    }

    @Test
    void commandsNeverImportTheTransport() {
        never(
                "command",
                "dev.healthbot.slack.transport..",
                "dev.healthbot.slack.notify..",
                "com.slack.api.bolt..",
                "com.slack.api.socket_mode..",
                "com.slack.api.methods..");
    }

    @Test
    void viewsArePureBlockKit() {
        never(
                "view",
                "dev.healthbot.slack.transport..",
                "dev.healthbot.slack.command..",
                "dev.healthbot.slack.notify..",
                "com.slack.api.bolt..",
                "com.slack.api.socket_mode..",
                "com.slack.api.methods..",
                "com.slack.api.webhook..",
                "org.slf4j..");
    }

    @Test
    void notificationsNeverImportCommandsOrTheTransport() {
        never(
                "notify",
                "dev.healthbot.slack.transport..",
                "dev.healthbot.slack.command..",
                "com.slack.api.bolt..",
                "com.slack.api.socket_mode..");
    }

    @Test
    void onlyTheTransportTouchesBoltAndSocketMode() {
        noClasses()
                .that()
                .resideInAPackage("dev.healthbot.slack..")
                .and()
                .resideOutsideOfPackage("dev.healthbot.slack.transport..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.slack.api.bolt..", "com.slack.api.socket_mode..")
                .check(classes);
    }

    @Test
    void theSlackPartsHaveNoCycles() {
        slices().matching("dev.healthbot.slack.(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void theHttpEndpointTalksToTheCoreNotToOtherAdapters() {
        // Slack's connection, the scheduler and the database write reach it as suppliers wired in Bot.
        only(
                "http",
                "dev.healthbot.monitor..",
                "dev.healthbot.alert..",
                "dev.healthbot.errors..",
                "dev.healthbot.config..",
                // error reports: strict JSON parsing of plain reports and Sentry events
                "com.google.gson..",
                "org.eclipse.jetty..",
                "io.prometheus.metrics..",
                "org.slf4j..");
    }

    @Test
    void theServersFileImportsTheCoreAndYaml() {
        only("serversfile", "dev.healthbot.monitor..", "org.yaml..");
    }

    /** The inventory reader: an HTTP client adapter that reuses the servers file's pure format parser. */
    @Test
    void theInventoryImportsTheCoreTheServersFileFormatAndItsClients() {
        only(
                "inventory",
                "dev.healthbot.monitor..",
                "dev.healthbot.serversfile..",
                "okhttp3..",
                "okio..",
                "kotlin..",
                "com.google.gson..");
    }
}

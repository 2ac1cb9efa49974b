package dev.healthbot.alert;

import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.monitor.FailureKind;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import dev.healthbot.monitor.StatusChange;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The contract of {@link ResponseRepository} (acknowledgements, mutes, channel settings, maintenance windows and
 * the follow-up outbox), run against every implementation (the in-memory double and SQLite) by a subclass. The
 * responding rules and the dispatcher's once-only follow-ups rely on what is pinned here.
 */
public abstract class ResponseRepositoryContract {

    protected static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");

    /** A fresh, empty repository; the same instance within one test. */
    protected abstract ResponseRepository responses();

    /** The alert repository the same test sees, sharing incidents and deliveries with {@link #responses}. */
    protected abstract AlertRepository alerts();

    /** The subscriptions the same test sees. */
    protected abstract SubscriptionRepository subscriptions();

    /** Saves a new server with alerts on. */
    protected abstract Monitor server(String name);

    /** Records a status change the way a check does; returns it with its id. */
    protected abstract StatusChange flip(Monitor m, Status from, Status to, Instant at, Instant downSince);

    /** Opens an incident of {@code m} with an outage delivery to each channel; returns its id. */
    private long outage(Monitor m, Set<String> channels, Instant at) {
        StatusChange c = flip(m, Status.UP, Status.DOWN, at, null);
        assertThat(alerts().claimOutage(c, Incident.open(m, c), channels, at)).isTrue();
        return alerts().openIncident(m.id()).orElseThrow().id();
    }

    private void sent(long incident, String channel, String ts) {
        Delivery d = alerts().outageDelivery(incident, channel).orElseThrow();
        alerts().markSent(d.id(), new PostRef(channel, ts), T0.plusSeconds(1), null);
    }

    private void resolve(Monitor m, Instant at) {
        StatusChange up = flip(m, Status.DOWN, Status.UP, at, T0);
        assertThat(alerts().claimRecovery(up, at)).isTrue();
    }

    private List<FollowUp> due(Instant now) {
        return responses().dueFollowUps(now, Set.of(), 100);
    }

    @Test
    void anIncidentIsAcknowledgedOnceWithOneEditPerOutagePost() {
        Monitor api = server("api");
        long i = outage(api, Set.of("C1", "C2"), T0);
        sent(i, "C1", "1.000100");

        assertThat(responses().acknowledge(i, "U1", T0.plusSeconds(60))).isTrue();
        assertThat(responses().acknowledge(i, "U2", T0.plusSeconds(61))).isFalse();
        assertThat(responses().acknowledge(i, "U1", T0.plusSeconds(62))).isFalse();
        assertThat(responses().ack(i)).contains(new ResponseRepository.Ack("U1", T0.plusSeconds(60)));
        // A pending edit per post covers both changes: the edit renders the state when it is sent.
        assertThat(responses().followUps(i))
                .extracting(FollowUp::kind, FollowUp::channel)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FollowUp.Kind.REFRESH, "C1"),
                        org.assertj.core.groups.Tuple.tuple(FollowUp.Kind.REFRESH, "C2"));

        assertThat(responses().unacknowledge(i, "U2", T0.plusSeconds(70))).isFalse();
        assertThat(responses().unacknowledge(i, "U1", T0.plusSeconds(70))).isTrue();
        assertThat(responses().ack(i)).isEmpty();
        assertThat(responses().followUps(i)).hasSize(2);

        resolve(api, T0.plusSeconds(90));
        assertThat(responses().acknowledge(i, "U1", T0.plusSeconds(100))).isFalse();
        assertThat(responses().ack(i)).isEmpty();
    }

    @Test
    void aMuteIsReplacedClearedOnceAndEditsOnlyAnOpenIncident() {
        Monitor api = server("api");
        long i = outage(api, Set.of("C1"), T0);
        Mute hour = new Mute(api.id(), i, Mute.Choice.H1, "U1", T0, Mute.Choice.H1.until(T0));
        responses().setMute(hour);
        Mute recovery = new Mute(api.id(), i, Mute.Choice.RECOVERY, "U2", T0.plusSeconds(5), null);
        responses().setMute(recovery);
        assertThat(responses().mute(api.id())).contains(recovery);
        assertThat(responses().mutes()).containsExactly(recovery);
        assertThat(responses().followUps(i)).hasSize(1);

        due(T0.plusSeconds(5)).forEach(f -> responses().followUpSent(f.id(), null, T0.plusSeconds(6)));
        assertThat(responses().clearMute(api.id(), null, T0.plusSeconds(7))).contains(recovery);
        assertThat(responses().clearMute(api.id(), "U1", T0.plusSeconds(8))).isEmpty();
        assertThat(responses().mute(api.id())).isEmpty();
        assertThat(responses().followUps(i)).hasSize(2);

        resolve(api, T0.plusSeconds(30));
        responses().setMute(hour);
        due(T0.plusSeconds(30)).forEach(f -> responses().followUpSent(f.id(), null, T0.plusSeconds(31)));
        responses().clearMute(api.id(), "U1", T0.plusSeconds(40));
        assertThat(due(T0.plusSeconds(40))).isEmpty();
    }

    @Test
    void aHeldBackIncidentIsReleasedOnceAndOnlyWhileOpen() {
        Monitor api = server("api");
        long held = outage(api, Set.of(), T0);
        assertThat(responses().release(held, Set.of("C2", "C1"), T0.plusSeconds(60)))
                .isTrue();
        assertThat(alerts().outageDelivery(held, "C1")).isPresent();
        assertThat(alerts().outageDelivery(held, "C2")).isPresent();
        assertThat(responses().release(held, Set.of("C3"), T0.plusSeconds(61))).isFalse();
        assertThat(alerts().outageDelivery(held, "C3")).isEmpty();

        Monitor web = server("web");
        long posted = outage(web, Set.of("C1"), T0);
        assertThat(responses().release(posted, Set.of("C2"), T0.plusSeconds(60)))
                .isFalse();
        Monitor db = server("db");
        long gone = outage(db, Set.of(), T0);
        resolve(db, T0.plusSeconds(30));
        assertThat(responses().release(gone, Set.of("C1"), T0.plusSeconds(60))).isFalse();
    }

    @Test
    void remindersAreQueuedOncePerStepForSentPostsNobodyHas() {
        Monitor api = server("api");
        long i = outage(api, Set.of("C1", "C2"), T0);
        assertThat(responses().remindable()).isEmpty();
        sent(i, "C1", "1.000100");
        assertThat(responses().remindable()).singleElement().satisfies(p -> {
            assertThat(p.channel()).isEqualTo("C1");
            assertThat(p.post()).isEqualTo(new PostRef("C1", "1.000100"));
            assertThat(p.lastReminder()).isZero();
            assertThat(p.incident().id()).isEqualTo(i);
        });
        assertThat(responses().addReminder(i, "C1", 1, T0.plusSeconds(1800))).isTrue();
        assertThat(responses().addReminder(i, "C1", 1, T0.plusSeconds(1801))).isFalse();
        assertThat(responses().addReminder(i, "C1", 2, T0.plusSeconds(7200))).isTrue();
        assertThat(responses().remindable())
                .singleElement()
                .extracting(ResponseRepository.Posted::lastReminder)
                .isEqualTo(2);

        responses().acknowledge(i, "U1", T0.plusSeconds(7300));
        assertThat(responses().remindable()).isEmpty();
    }

    @Test
    void channelSettingsBelongToSubscribedChannelsOnly() {
        Monitor api = server("api");
        assertThat(responses().reminders("C1")).isEmpty();
        assertThat(responses().setReminders("C1", ReminderSchedule.parse("off"), "U1", T0))
                .isFalse();
        assertThat(responses().setMaintenancePosts("C1", false, "U1", T0)).isFalse();
        assertThat(responses().maintenancePosts("C1")).isEmpty();

        subscriptions().subscribe("C1", Set.of(Selector.everything(), Selector.server(api.id())), "U1", T0);
        subscriptions().subscribe("C2", Set.of(Selector.everything()), "U1", T0);
        assertThat(responses().reminders("C1")).contains(ReminderSchedule.DEFAULT);
        ReminderSchedule steps = ReminderSchedule.parse("10m,1h broadcast");
        assertThat(responses().setReminders("C1", steps, "U1", T0)).isTrue();
        assertThat(responses().reminders("C1")).contains(steps);
        assertThat(responses().reminders("C2")).contains(ReminderSchedule.DEFAULT);

        assertThat(responses().maintenancePosts("C1")).contains(true);
        assertThat(responses().setMaintenancePosts("C1", false, "U1", T0)).isTrue();
        assertThat(responses().maintenancePosts("C1")).contains(false);
        assertThat(responses().maintenancePostsOff()).containsExactly("C1");
        assertThat(responses().setMaintenancePosts("C1", true, "U1", T0)).isTrue();
        assertThat(responses().maintenancePostsOff()).isEmpty();

        List<Mention> oncall = List.of(new Mention("S0ONCALL1"), new Mention("U0LEAD001"));
        responses()
                .setMentions(
                        "C1",
                        Set.of(Selector.server(api.id()), Selector.env(dev.healthbot.monitor.Environment.DEV)),
                        oncall,
                        "U1",
                        T0);
        assertThat(responses().mentions("C1")).isEqualTo(Map.of(Selector.server(api.id()), oncall));
        responses().setMentions("C1", Set.of(Selector.server(api.id())), List.of(), "U1", T0);
        assertThat(responses().mentions("C1")).isEmpty();
    }

    @Test
    void aWindowAnnouncesOnceFinishesOnceAndSaysNothingAtTheEndIfItNeverStarted() {
        Monitor api = server("api");
        MaintenanceWindow w = responses()
                .addWindow(
                        new MaintenanceWindow(
                                0,
                                Selector.server(api.id()),
                                "api",
                                T0,
                                T0.plusSeconds(3600),
                                "upgrade",
                                "U1",
                                null,
                                false),
                        T0);
        assertThat(w.id()).isPositive();
        assertThat(responses().window(w.id())).contains(w);
        assertThat(responses().openWindows()).containsExactly(w);
        assertThat(responses().announceStart(w.id(), Set.of("C1", "C2"), T0)).isTrue();
        assertThat(responses().announceStart(w.id(), Set.of("C1"), T0)).isFalse();
        assertThat(responses().window(w.id()).orElseThrow().startAnnounced()).isTrue();

        long held = outage(api, Set.of(), T0.plusSeconds(60));
        assertThat(responses().incidentsOpenedBetween(T0, T0.plusSeconds(3600)))
                .extracting(Incident::id)
                .containsExactly(held);
        assertThat(responses().incidentsOpenedBetween(T0.plusSeconds(61), T0.plusSeconds(3600)))
                .isEmpty();

        assertThat(responses().endWindow(w.id(), "U1", T0.plusSeconds(600))).isTrue();
        assertThat(responses().endWindow(w.id(), "U1", T0.plusSeconds(601))).isFalse();
        assertThat(responses().window(w.id()).orElseThrow().end()).isEqualTo(T0.plusSeconds(600));
        assertThat(responses()
                        .finishWindow(
                                w.id(), Set.of("C1"), 1, 540_000, Map.of(held, Set.of("C1")), T0.plusSeconds(600)))
                .isTrue();
        assertThat(responses().finishWindow(w.id(), Set.of("C1"), 1, 540_000, Map.of(), T0.plusSeconds(601)))
                .isFalse();
        assertThat(responses().openWindows()).isEmpty();
        assertThat(alerts().outageDelivery(held, "C1")).isPresent();
        List<FollowUp> posts = due(T0.plusSeconds(600));
        assertThat(posts)
                .extracting(FollowUp::kind, FollowUp::channel, FollowUp::seq, FollowUp::totalMs)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(FollowUp.Kind.MAINTENANCE_START, "C1", 0, 0L),
                        org.assertj.core.groups.Tuple.tuple(FollowUp.Kind.MAINTENANCE_START, "C2", 0, 0L),
                        org.assertj.core.groups.Tuple.tuple(FollowUp.Kind.MAINTENANCE_END, "C1", 1, 540_000L));

        MaintenanceWindow silent = responses()
                .addWindow(
                        new MaintenanceWindow(
                                0,
                                Selector.everything(),
                                "all servers",
                                T0.plusSeconds(7200),
                                T0.plusSeconds(9000),
                                "",
                                "U1",
                                null,
                                false),
                        T0);
        assertThat(responses().finishWindow(silent.id(), Set.of("C1"), 0, 0, Map.of(), T0.plusSeconds(9000)))
                .isTrue();
        assertThat(due(T0.plusSeconds(9000))).hasSize(3);
    }

    @Test
    void aFileWindowIsAddedOncePerKeyAndListedUntilItEnds() {
        MaintenanceWindow draft = new MaintenanceWindow(
                0, Selector.everything(), "all servers", T0, T0.plusSeconds(3600), "", "servers-file", null, false);
        MaintenanceWindow added =
                responses().addFileWindow(draft, "file:all|1|2", T0).orElseThrow();
        assertThat(responses().addFileWindow(draft, "file:all|1|2", T0)).isEmpty();
        responses().addWindow(draft, T0);
        assertThat(responses().fileWindows()).isEqualTo(Map.of("file:all|1|2", added.id()));
        assertThat(responses().endWindow(added.id(), "servers-file", T0.plusSeconds(60)))
                .isTrue();
        assertThat(responses().fileWindows()).isEmpty();
        assertThat(responses().addFileWindow(draft, "file:all|1|2", T0.plusSeconds(61)))
                .isEmpty();
    }

    @Test
    void theFollowUpOutboxHandsOutDueRowsOutsideHeldChannelsUntilTheyAreDone() {
        Monitor api = server("api");
        long i = outage(api, Set.of("C1"), T0);
        var recheck = new FollowUpMessage.Recheck(
                "api", "U1", false, Duration.ofMillis(812), FailureKind.HTTP_STATUS, "HTTP 503");
        responses().addRecheck(i, "C1", recheck, T0);
        responses().addRecheck(i, "C2", recheck, T0.plusSeconds(1));
        responses().addReminder(i, "C1", 1, T0.plusSeconds(2));

        List<FollowUp> all = responses().dueFollowUps(T0.plusSeconds(2), Set.of(), 10);
        assertThat(all)
                .extracting(FollowUp::kind)
                .containsExactly(FollowUp.Kind.RECHECK, FollowUp.Kind.RECHECK, FollowUp.Kind.REMINDER);
        FollowUp first = all.get(0);
        assertThat(first.actor()).isEqualTo("U1");
        assertThat(first.up()).isFalse();
        assertThat(first.latencyMs()).isEqualTo(812L);
        assertThat(first.failure()).isEqualTo("HTTP_STATUS");
        assertThat(first.detail()).isEqualTo("HTTP 503");
        assertThat(first.attempts()).isZero();
        assertThat(responses().dueFollowUps(T0.plusSeconds(2), Set.of("C1"), 10))
                .extracting(FollowUp::channel)
                .containsExactly("C2");
        assertThat(responses().dueFollowUps(T0.plusSeconds(2), Set.of(), 2)).hasSize(2);
        assertThat(responses().dueFollowUps(T0, Set.of(), 10)).hasSize(1);

        responses().followUpRetry(first.id(), 1, T0.plusSeconds(30), "ratelimited");
        assertThat(responses().nextFollowUpAfter(T0.plusSeconds(2))).contains(T0.plusSeconds(30));
        responses().followUpSent(all.get(1).id(), new PostRef("C2", "2.000100"), T0.plusSeconds(3));
        responses().followUpSkipped(all.get(2).id(), "acknowledged", T0.plusSeconds(3));
        assertThat(responses().dueFollowUps(T0.plusSeconds(10), Set.of(), 10)).isEmpty();
        assertThat(responses().dueFollowUps(T0.plusSeconds(30), Set.of(), 10))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.id()).isEqualTo(first.id());
                    assertThat(f.attempts()).isEqualTo(1);
                });
        responses().followUpGivenUp(first.id(), 5, "channel_not_found", T0.plusSeconds(31));
        responses().followUpSent(first.id(), null, T0.plusSeconds(32));
        assertThat(responses().dueFollowUps(T0.plusSeconds(3600), Set.of(), 10)).isEmpty();
        assertThat(responses().nextFollowUpAfter(T0)).isEmpty();
        assertThat(responses().followUps(i)).hasSize(3);
    }
}

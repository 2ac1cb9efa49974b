package dev.healthbot.store;

import static dev.healthbot.store.JdbiAlertRepositoryTest.addMonitor;
import static dev.healthbot.store.JdbiAlertRepositoryTest.flip;
import static org.assertj.core.api.Assertions.assertThat;

import dev.healthbot.alert.AlertDispatcher;
import dev.healthbot.alert.DispatchPolicy;
import dev.healthbot.alert.FollowUp;
import dev.healthbot.alert.FollowUpMessage;
import dev.healthbot.alert.MaintenanceWindow;
import dev.healthbot.alert.MutableClock;
import dev.healthbot.alert.RecordingNotifier;
import dev.healthbot.alert.RecordingNotifier.Call;
import dev.healthbot.alert.RecordingNotifier.Op;
import dev.healthbot.alert.ReminderSchedule;
import dev.healthbot.alert.ResponseDesk;
import dev.healthbot.alert.Selector;
import dev.healthbot.monitor.Environment;
import dev.healthbot.monitor.Monitor;
import dev.healthbot.monitor.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reminders, acknowledgements and maintenance windows through the real dispatcher, a real SQLite file and the
 * injected clock: when reminders come, when they stop, and that a restart neither loses nor doubles a post.
 */
class ResponseDeskTest {

    static final Instant T0 = Instant.parse("2026-11-20T10:00:00Z");
    static final String C1 = "C1";

    @TempDir
    Path dir;

    final MutableClock clock = new MutableClock(T0);
    final RecordingNotifier slack = new RecordingNotifier(clock);

    Database open() {
        return Database.open(dir.resolve("healthbot.db"));
    }

    /** A fresh dispatcher over the database, as a restarted bot builds it. */
    AlertDispatcher dispatcher(Database db) {
        JdbiAlertRepository alerts = new JdbiAlertRepository(db);
        JdbiSubscriptionRepository subs = new JdbiSubscriptionRepository(db);
        JdbiMonitorRepository monitors = new JdbiMonitorRepository(db, removed -> {});
        return new AlertDispatcher(
                alerts,
                subs,
                monitors,
                slack,
                clock,
                DispatchPolicy.DEFAULT.withJitter(0),
                new ResponseDesk(alerts, new JdbiResponseRepository(db), subs, monitors));
    }

    /** Runs the loop at the current time until nothing is due now (the clock moves only by the pacing gaps). */
    void drain(AlertDispatcher d) {
        for (int step = 0; step < 1000; step++) {
            d.fanOut();
            Duration wait = d.deliverDue();
            if (wait.compareTo(Duration.ofSeconds(2)) > 0) {
                return;
            }
            clock.advance(wait.isZero() ? Duration.ofMillis(1) : wait);
        }
        throw new AssertionError("dispatcher never went idle");
    }

    /** Moves the clock to {@code at} and lets the loop catch up (one tick there, then what it queued). */
    void at(AlertDispatcher d, Duration sinceT0) {
        clock.set(T0.plus(sinceT0));
        drain(d);
    }

    List<FollowUpMessage.Reminder> reminders() {
        return slack.followUps().stream()
                .map(RecordingNotifier.FollowUpCall::message)
                .filter(m -> m instanceof FollowUpMessage.Reminder)
                .map(m -> (FollowUpMessage.Reminder) m)
                .toList();
    }

    @Test
    void remindersComeAtTheirStepsInTheThreadAndStopOnceSomeoneAcknowledges() {
        try (Database db = open()) {
            Monitor api = addMonitor(db, "api-live", Environment.LIVE);
            new JdbiSubscriptionRepository(db).subscribe(C1, Set.of(Selector.everything()), "U1", T0);
            AlertDispatcher d = dispatcher(db);
            flip(db, api, Status.UP, Status.DOWN, T0, null);
            drain(d);
            Call outage = slack.calls().get(0);
            assertThat(outage.op()).isEqualTo(Op.OUTAGE);

            at(d, Duration.ofMinutes(29));
            assertThat(reminders()).isEmpty();
            at(d, Duration.ofMinutes(30));
            at(d, Duration.ofMinutes(31));
            assertThat(reminders()).singleElement().satisfies(r -> {
                assertThat(r.number()).isEqualTo(1);
                assertThat(r.downFor()).isBetween(Duration.ofMinutes(30), Duration.ofMinutes(31));
            });
            assertThat(slack.followUps().get(0).threadTs())
                    .isEqualTo(outage.post().ts());

            // Nine hours later at once (the bot was down): one reminder for the latest step, not two.
            at(d, Duration.ofHours(9));
            assertThat(reminders()).extracting(FollowUpMessage.Reminder::number).containsExactly(1, 3);

            JdbiResponseRepository responses = new JdbiResponseRepository(db);
            long incident = new JdbiAlertRepository(db)
                    .openIncident(api.id())
                    .orElseThrow()
                    .id();
            assertThat(responses.acknowledge(incident, "U9", clock.instant())).isTrue();
            assertThat(responses.acknowledge(incident, "U9", clock.instant())).isFalse();
            drain(d);
            assertThat(slack.calls()).filteredOn(c -> c.op() == Op.REFRESH).hasSize(1);

            at(d, Duration.ofDays(3));
            assertThat(reminders()).hasSize(2);
        }
    }

    @Test
    void atMostTenRemindersAndNoneForAnIncidentResolvedBeforeItsReminderWentOut() {
        try (Database db = open()) {
            Monitor api = addMonitor(db, "api-live", Environment.LIVE);
            new JdbiSubscriptionRepository(db).subscribe(C1, Set.of(Selector.everything()), "U1", T0);
            AlertDispatcher d = dispatcher(db);
            flip(db, api, Status.UP, Status.DOWN, T0, null);
            drain(d);
            for (int hours = 1; hours <= 24 * 12; hours++) {
                at(d, Duration.ofHours(hours));
            }
            assertThat(reminders()).hasSize(ReminderSchedule.MAX);
            assertThat(reminders().get(9).number()).isEqualTo(10);

            // A second outage: its first reminder is queued, then the server recovers before it is sent.
            flip(db, api, Status.DOWN, Status.UP, clock.instant(), T0);
            drain(d);
            Instant second = clock.instant();
            flip(db, api, Status.UP, Status.DOWN, second, null);
            drain(d);
            clock.set(second.plus(Duration.ofMinutes(31)));
            d.fanOut(); // the tick queues the reminder
            long incident = new JdbiAlertRepository(db)
                    .openIncident(api.id())
                    .orElseThrow()
                    .id();
            assertThat(new JdbiResponseRepository(db).followUps(incident))
                    .extracting(FollowUp::kind)
                    .containsExactly(FollowUp.Kind.REMINDER);
            flip(db, api, Status.DOWN, Status.UP, clock.instant(), second);
            drain(d);
            assertThat(reminders()).hasSize(ReminderSchedule.MAX);
            List<String> states = db.jdbi()
                    .withHandle(h -> h.createQuery("SELECT state FROM followups WHERE incident_id = :i")
                            .bind("i", incident)
                            .mapTo(String.class)
                            .list());
            assertThat(states).containsExactly("SKIPPED");
        }
    }

    @Test
    void aWindowHoldsBackAnOutageAndThroughARestartPostsItsEndAndTheOutageOnce() {
        Monitor api;
        try (Database db = open()) {
            api = addMonitor(db, "api-live", Environment.LIVE);
            new JdbiSubscriptionRepository(db).subscribe(C1, Set.of(Selector.env(Environment.LIVE)), "U1", T0);
            new JdbiResponseRepository(db)
                    .addWindow(
                            new MaintenanceWindow(
                                    0,
                                    Selector.env(Environment.LIVE),
                                    "LIVE",
                                    T0,
                                    T0.plus(Duration.ofHours(1)),
                                    "upgrade",
                                    "U1",
                                    null,
                                    false),
                            T0);
            AlertDispatcher d = dispatcher(db);
            drain(d);
            flip(db, api, Status.UP, Status.DOWN, T0.plusSeconds(60), null);
            at(d, Duration.ofMinutes(10));
            // Back and down again inside the window: counted, never posted.
            flip(db, api, Status.DOWN, Status.UP, T0.plus(Duration.ofMinutes(12)), T0.plusSeconds(60));
            flip(db, api, Status.UP, Status.DOWN, T0.plus(Duration.ofMinutes(50)), null);
            at(d, Duration.ofMinutes(55));
            assertThat(slack.calls()).extracting(Call::op).containsExactly(Op.FOLLOW_UP);
            assertThat(slack.followUps().get(0).message()).isInstanceOf(FollowUpMessage.MaintenanceStarted.class);
        }
        // The process dies inside the window; a new one over the same file takes over.
        try (Database db = open()) {
            AlertDispatcher d = dispatcher(db);
            at(d, Duration.ofMinutes(61));
            AlertDispatcher again = dispatcher(db);
            at(again, Duration.ofMinutes(62));
            assertThat(slack.calls())
                    .extracting(Call::op)
                    .containsExactlyInAnyOrder(Op.FOLLOW_UP, Op.FOLLOW_UP, Op.OUTAGE);
            FollowUpMessage.MaintenanceEnded end =
                    (FollowUpMessage.MaintenanceEnded) slack.followUps().get(1).message();
            assertThat(end.outages()).isEqualTo(2);
            assertThat(end.down()).isEqualTo(Duration.ofMinutes(11 + 10));
            assertThat(slack.calls())
                    .filteredOn(c -> c.op() == Op.OUTAGE)
                    .singleElement()
                    .satisfies(c -> assertThat(c.alert().monitorName()).isEqualTo("api-live"));
        }
    }
}

package dev.healthbot;

import dev.healthbot.alert.AlertDispatcher;
import dev.healthbot.alert.AlertLoop;
import dev.healthbot.alert.CertificateDispatcher;
import dev.healthbot.alert.DispatchPolicy;
import dev.healthbot.alert.MeteredNotifier;
import dev.healthbot.alert.ResponseDesk;
import dev.healthbot.alert.ResponseService;
import dev.healthbot.alert.SourceRefresh;
import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.config.HealthBotConfig;
import dev.healthbot.config.SourceSettings;
import dev.healthbot.errors.ErrorActions;
import dev.healthbot.errors.ErrorDispatcher;
import dev.healthbot.errors.ErrorIntake;
import dev.healthbot.errors.ErrorLoop;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.history.HistoryService;
import dev.healthbot.http.BotMetrics;
import dev.healthbot.http.ErrorRoutes;
import dev.healthbot.http.HealthRoute;
import dev.healthbot.http.HttpEndpoint;
import dev.healthbot.http.Limits;
import dev.healthbot.http.Liveness;
import dev.healthbot.http.MetricsRoute;
import dev.healthbot.http.PingRoute;
import dev.healthbot.http.RateLimiter;
import dev.healthbot.http.RouteTable;
import dev.healthbot.http.Vitals;
import dev.healthbot.inventory.HttpInventory;
import dev.healthbot.monitor.CheckRunner;
import dev.healthbot.monitor.DeadlineIndex;
import dev.healthbot.monitor.HeartbeatScheduling;
import dev.healthbot.monitor.HeartbeatService;
import dev.healthbot.monitor.MeteredProbe;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.RemovalLimit;
import dev.healthbot.monitor.SilenceWatch;
import dev.healthbot.probe.AddressPolicy;
import dev.healthbot.probe.HttpProbe;
import dev.healthbot.probe.ProbeRegistry;
import dev.healthbot.schedule.QuartzMonitorScheduler;
import dev.healthbot.serversfile.FileSource;
import dev.healthbot.serversfile.ServersFile;
import dev.healthbot.serversfile.ServersFileSync;
import dev.healthbot.slack.AccessPolicy;
import dev.healthbot.slack.ChannelAccess;
import dev.healthbot.slack.Directory;
import dev.healthbot.slack.Permissions;
import dev.healthbot.slack.command.Handlers;
import dev.healthbot.slack.notify.SlackErrorNotifier;
import dev.healthbot.slack.notify.SlackNotifier;
import dev.healthbot.slack.transport.SlackApi;
import dev.healthbot.slack.transport.SlackBot;
import dev.healthbot.slack.transport.SlackPermalinks;
import dev.healthbot.slack.view.PingUrls;
import dev.healthbot.store.Database;
import dev.healthbot.store.JdbiAlertRepository;
import dev.healthbot.store.JdbiCertificateRepository;
import dev.healthbot.store.JdbiErrorRepository;
import dev.healthbot.store.JdbiHeartbeatRepository;
import dev.healthbot.store.JdbiHistoryRepository;
import dev.healthbot.store.JdbiMonitorRepository;
import dev.healthbot.store.JdbiOutboxBacklog;
import dev.healthbot.store.JdbiResponseRepository;
import dev.healthbot.store.JdbiSourceRepository;
import dev.healthbot.store.JdbiStatusRepository;
import dev.healthbot.store.JdbiSubscriptionRepository;
import dev.healthbot.store.LivenessWrite;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running bot: the one place that wires the database, probes, scheduler, alerts and Slack.
 * {@link HealthBot#main} and the end-to-end tests both start it through {@link #start}. Close once.
 */
public final class Bot implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Bot.class);
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(30);
    /** Error reports one key may send at once, and per second after that (429 with Retry-After beyond). */
    static final int ERROR_BURST = 200;

    static final double ERROR_PER_SECOND = 50;
    static final java.util.Set<String> ERROR_METHODS = java.util.Set.of("POST", "OPTIONS");

    private final List<AutoCloseable> resources = new ArrayList<>();
    /** A ping key's rate limit: a burst of 10, then one a second; as many keys as heartbeats served. */
    static final int PING_BURST = 10;

    static final double PING_PER_SECOND = 1.0;
    static final int PING_KEYS = 100_000;

    private final MonitorService monitors;
    private final HeartbeatService heartbeats;
    private final SlackBot slack;
    private final Optional<HttpEndpoint> http;
    /** How often the servers file's size and time are looked at, and owed source notices sent. */
    static final Duration SOURCE_TICK = Duration.ofMillis(200);

    static final Duration FILE_EVERY = Duration.ofMillis(500);
    /** The longest one read of the inventory may take. */
    static final Duration INVENTORY_TIMEOUT = Duration.ofSeconds(10);

    private SourceRefresh sources;

    private Bot(HealthBotConfig config, InstantSource clock, AddressPolicy.Resolver resolver) {
        try {
            Database db = Database.open(config.database());
            resources.add(db);
            JdbiStatusRepository statusRepo = new JdbiStatusRepository(db);
            JdbiMonitorRepository monitorRepo = new JdbiMonitorRepository(db, statusRepo::forget);
            // Closed after everything that records results, just before the database.
            resources.add(0, statusRepo);
            AddressPolicy targets =
                    AddressPolicy.of(config.targets().deny(), config.targets().allow(), resolver);
            resources.add(0, targets);
            LOG.info(
                    "targets deny={} allow={}",
                    String.join(",", config.targets().deny()),
                    config.targets().allow().isEmpty()
                            ? "any"
                            : String.join(",", config.targets().allow()));
            ProbeRegistry registry = ProbeRegistry.standard(HttpProbe.defaultClient(), clock, targets);
            resources.add(0, registry);
            MeteredProbe probes = new MeteredProbe(registry);
            QuartzMonitorScheduler scheduler = new QuartzMonitorScheduler();
            resources.add(0, scheduler);
            SlackApi api =
                    new SlackApi(config.botToken().reveal(), config.appToken().reveal(), config.apiUrl());
            resources.add(api);
            JdbiAlertRepository alertRepo = new JdbiAlertRepository(db);
            JdbiSubscriptionRepository subscriptions = new JdbiSubscriptionRepository(db);
            DispatchPolicy policy = new DispatchPolicy(
                    config.alertMaxAge(),
                    DispatchPolicy.DEFAULT.backoffBase(),
                    DispatchPolicy.DEFAULT.backoffCap(),
                    DispatchPolicy.DEFAULT.jitter(),
                    DispatchPolicy.DEFAULT.minGap(),
                    DispatchPolicy.DEFAULT.batchSize());
            Directory directory = new Directory(api.methods(), Permissions.CACHE_FOR);
            resources.add(0, directory);
            ChannelAccess channelAccess =
                    new ChannelAccess(directory, config.allowSharedChannels(), Permissions.CALL_BOUND);
            SlackNotifier slackNotifier = new SlackNotifier(api.methods(), channelAccess);
            MeteredNotifier notifier = new MeteredNotifier(slackNotifier);
            CertificateDispatcher certificates = new CertificateDispatcher(
                    new JdbiCertificateRepository(db),
                    subscriptions,
                    monitorRepo,
                    statusRepo,
                    slackNotifier,
                    clock,
                    policy,
                    CertificateDispatcher.SCAN_EVERY);
            JdbiResponseRepository responseRepo = new JdbiResponseRepository(db);
            ResponseDesk desk = new ResponseDesk(alertRepo, responseRepo, subscriptions, monitorRepo);
            AlertLoop alertLoop = new AlertLoop(
                    new AlertDispatcher(alertRepo, subscriptions, monitorRepo, notifier, clock, policy, desk),
                    certificates,
                    AlertLoop.MAX_WAIT);
            resources.add(0, alertLoop);
            // Heartbeats: pinged, not probed; one index of deadlines instead of a job each.
            DeadlineIndex deadlines = new DeadlineIndex();
            heartbeats = new HeartbeatService(
                    monitorRepo, statusRepo, new JdbiHeartbeatRepository(db), deadlines, alertLoop, clock);
            SilenceWatch silence = new SilenceWatch(deadlines, heartbeats::missed, clock);
            resources.add(0, silence);
            HeartbeatScheduling scheduling = new HeartbeatScheduling(scheduler, heartbeats);
            CheckRunner runner = new CheckRunner(monitorRepo, statusRepo, probes, scheduling, alertLoop, clock);
            monitors = new MonitorService(monitorRepo, statusRepo, scheduling, runner, clock, targets);

            ServersFile.Contents fileContents =
                    config.serversFile().map(ServersFile::readAll).orElse(null);
            List<ServersFile.PlannedWindow> plannedWindows = new ArrayList<>();
            config.serversFile().ifPresent(file -> {
                plannedWindows.addAll(fileContents.maintenance());
                var summary = new ServersFileSync(monitors).apply(fileContents.servers());
                LOG.info(
                        "servers file applied added={} updated={} removed={}",
                        summary.added(),
                        summary.updated(),
                        summary.removed());
            });

            Permissions permissions =
                    new Permissions(config.admins(), api.methods(), Permissions.CACHE_FOR, Permissions.CALL_BOUND);
            resources.add(0, permissions);
            AccessPolicy access =
                    new AccessPolicy(directory, permissions, config.everyMember(), Permissions.CALL_BOUND);
            LOG.info(
                    "access policy={} admins={} sharedChannels={}",
                    access.changes().label(),
                    permissions.open() ? "-" : String.join(",", config.admins()),
                    channelAccess.allowShared() ? "allowed" : "refused");
            // Error reports: sources, groups and their own outbox loop, posting through the same Slack calls.
            JdbiErrorRepository errorRepo = new JdbiErrorRepository(db);
            ErrorSources errorSources = new ErrorSources(errorRepo, clock);
            if (fileContents != null && !fileContents.errorSources().isEmpty()) {
                applyErrorSources(
                        errorSources, fileContents, config.serversFile().orElseThrow());
            }
            ErrorLoop errorLoop = new ErrorLoop(new ErrorDispatcher(
                    errorRepo, errorRepo, new SlackErrorNotifier(api.methods(), slackNotifier), clock, policy));
            resources.add(0, errorLoop);
            ErrorIntake errorIntake = new ErrorIntake(
                    errorRepo, errorRepo, subscriptions, clock, config.errors().quiet(), errorLoop::wake);
            ErrorActions errorActions = new ErrorActions(errorRepo, errorRepo, clock, errorLoop::wake);
            SubscriptionService subscriptionService =
                    new SubscriptionService(subscriptions, monitorRepo, clock, errorSources);
            ResponseService responses =
                    new ResponseService(alertRepo, responseRepo, monitorRepo, monitors, clock, alertLoop::wake);
            if (config.serversFile().isPresent()) {
                applyFileWindows(responses, plannedWindows);
            }
            slack = new SlackBot(
                    api,
                    Handlers.standard(
                                    monitors,
                                    subscriptionService,
                                    channelAccess,
                                    access,
                                    heartbeats,
                                    () -> pingUrls(config),
                                    new Handlers.ErrorReports(errorSources, errorActions, () -> publicBase(config)),
                                    new Handlers.Responding(responses, clock, user -> directory.zone(user)),
                                    new Handlers.HistoryViews(
                                            new HistoryService(new JdbiHistoryRepository(db, statusRepo), clock),
                                            new SlackPermalinks(api.methods())))
                            .with(new dev.healthbot.slack.command.AboutCommand(
                                    () -> sources == null ? List.of() : sources.about())));
            resources.add(0, slack);

            // Before Slack: an address in use stops the start at once, naming the variable.
            http = startHttp(
                    config,
                    new BotMetrics.Sources(
                            monitorRepo,
                            statusRepo,
                            probes,
                            notifier,
                            new JdbiOutboxBacklog(db),
                            liveness(db, clock, scheduler),
                            clock),
                    heartbeats,
                    new ErrorRoutes(errorIntake, config.errors()));
            slack.start(CONNECT_TIMEOUT);
            alertLoop.start();
            errorLoop.start();
            // Everything scheduled (spread over its interval) before the first firing, so that the
            // servers the file just added do not all fire at once.
            int watched = heartbeats.rebuild();
            int scheduled = monitors.scheduleAll();
            scheduler.start(runner::run);
            silence.start();
            LOG.info("scheduled servers={} heartbeats={}", scheduled, watched);
            startSources(config, clock, db, subscriptions, slackNotifier, policy);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /**
     * Follows the servers file (watched) and the inventory ({@code HEALTHBOT_SERVERS_URL}) from now on, on
     * one thread of their own; their notices go through the {@code source_posts} outbox.
     */
    private void startSources(
            HealthBotConfig config,
            InstantSource clock,
            Database db,
            JdbiSubscriptionRepository subscriptions,
            SlackNotifier notifier,
            DispatchPolicy policy) {
        List<SourceRefresh.Feed> feeds = new ArrayList<>();
        config.serversFile().ifPresent(file -> feeds.add(new SourceRefresh.Feed(FileSource.settled(file), FILE_EVERY)));
        SourceSettings inventory = config.sources();
        inventory.url().ifPresent(url -> {
            // At least 5 s even when the refresh is shorter; at most INVENTORY_TIMEOUT.
            Duration timeout = inventory.refresh().compareTo(INVENTORY_TIMEOUT) > 0
                    ? INVENTORY_TIMEOUT
                    : inventory.refresh().compareTo(Duration.ofSeconds(5)) < 0
                            ? Duration.ofSeconds(5)
                            : inventory.refresh();
            feeds.add(new SourceRefresh.Feed(
                    new HttpInventory(
                            HttpInventory.client(timeout),
                            url.toString(),
                            inventory.header().map(h -> h.reveal())),
                    inventory.refresh()));
            LOG.info(
                    "inventory url={} refresh={} header={}",
                    inventory.shownUrl().orElse("-"),
                    dev.healthbot.monitor.Durations.format(inventory.refresh()),
                    inventory.header().isPresent() ? "set" : "none");
        });
        JdbiSourceRepository sourceRepo = new JdbiSourceRepository(db);
        sources = new SourceRefresh(
                feeds,
                monitors,
                RemovalLimit.parse(inventory.maxRemove()),
                sourceRepo,
                sourceRepo,
                subscriptions,
                notifier,
                policy,
                clock,
                SOURCE_TICK);
        resources.add(0, sources);
        sources.start();
    }

    /** The HTTP endpoint's liveness: Slack, the scheduler and a database write, as suppliers. */
    private Liveness liveness(Database db, InstantSource clock, QuartzMonitorScheduler scheduler) {
        LivenessWrite write = new LivenessWrite(db, clock);
        Liveness liveness = new Liveness(new Vitals(
                () -> slack != null && slack.connected(),
                () -> slack == null ? 0 : slack.reconnects(),
                scheduler::running,
                scheduler::takeMaxLag,
                write::write));
        resources.add(0, liveness);
        return liveness;
    }

    /** Starts healthbot's own HTTP endpoint: /metrics, /healthz, /ping and the error reports. */
    private Optional<HttpEndpoint> startHttp(
            HealthBotConfig config, BotMetrics.Sources sources, HeartbeatService heartbeats, ErrorRoutes errors) {
        RateLimiter errorLimiter = new RateLimiter(ERROR_BURST, ERROR_PER_SECOND, 10_000, System::nanoTime);
        RouteTable routes = new RouteTable()
                .get("/metrics", RouteTable.Exposure.ADMIN, new MetricsRoute(new BotMetrics(sources)))
                .get("/healthz", RouteTable.Exposure.ADMIN, new HealthRoute(sources.liveness()))
                .keyed(
                        PingRoute.PREFIX,
                        java.util.Set.of("GET", "POST", "HEAD"),
                        RouteTable.Exposure.PUBLIC,
                        new RateLimiter(PING_BURST, PING_PER_SECOND, PING_KEYS, System::nanoTime),
                        new PingRoute(heartbeats))
                .keyed("/errors/", ERROR_METHODS, RouteTable.Exposure.PUBLIC, errorLimiter, errors.plain())
                .keyed("/api/", ERROR_METHODS, RouteTable.Exposure.PUBLIC, errorLimiter, errors.sentry());
        Optional<HttpEndpoint> endpoint = HttpEndpoint.start(config.http(), routes, Limits.DEFAULT);
        endpoint.ifPresent(e -> resources.add(0, e));
        return endpoint;
    }

    /**
     * Where users send pings, for the Slack replies: {@code HEALTHBOT_PUBLIC_URL}, else the local address
     * (with a note to set the variable), else nothing when the endpoint is off.
     */
    private PingUrls pingUrls(HealthBotConfig config) {
        Optional<java.net.URI> configured = config.http().publicUrl();
        if (configured.isPresent()) {
            return PingUrls.configured(configured.get().toString());
        }
        return httpAddress()
                .map(a -> PingUrls.local("http://" + a.getHostString() + ":" + a.getPort()))
                .orElse(PingUrls.OFF);
    }

    /** The heartbeats' use cases (pings, deadlines, keys). */
    public HeartbeatService heartbeats() {
        return heartbeats;
    }

    /**
     * Makes or moves the error sources the servers file's {@code errors:} section lists. A new source's key is never
     * logged: {@code /health errors show <name>} reveals it with the DSN to someone allowed to change.
     */
    private static void applyErrorSources(
            ErrorSources sources, ServersFile.Contents contents, java.nio.file.Path file) {
        var declared = sources.declare(
                contents.errorSources().stream()
                        .map(e -> new ErrorSources.Declared(e.name(), e.environment()))
                        .toList(),
                ServersFileSync.ACTOR);
        if (!declared.problems().isEmpty()) {
            throw new dev.healthbot.serversfile.ServersFileException(file.toString(), declared.problems());
        }
        LOG.info(
                "servers file error sources added={} updated={} names={} keys=\"/health errors show <name>\"",
                declared.added().size(),
                declared.updated(),
                String.join(",", declared.added()));
    }

    /** Where apps reach the endpoint: {@code HEALTHBOT_PUBLIC_URL}, else the address it listens on. */
    private String publicBase(HealthBotConfig config) {
        return config.http().publicUrl().map(Object::toString).orElseGet(() -> httpAddress()
                .map(a -> "http://"
                        + (a.getAddress().getHostAddress().contains(":")
                                ? "[" + a.getAddress().getHostAddress() + "]"
                                : a.getAddress().getHostAddress())
                        + ":" + a.getPort())
                .orElse("http://127.0.0.1:8080"));
    }

    /** Opens the database, connects to Slack and starts probing; throws with a one-line message if it cannot. */
    public static Bot start(HealthBotConfig config, InstantSource clock) {
        return new Bot(config, clock, AddressPolicy.SYSTEM);
    }

    /** {@link #start(HealthBotConfig, InstantSource)} resolving host names through {@code resolver}. */
    public static Bot start(HealthBotConfig config, InstantSource clock, AddressPolicy.Resolver resolver) {
        return new Bot(config, clock, resolver);
    }

    public MonitorService monitors() {
        return monitors;
    }

    /** The sources of servers (servers file, inventory): their problems, for {@code /health about}. */
    public SourceRefresh sources() {
        return sources;
    }

    public boolean connected() {
        return slack.connected();
    }

    /** Where the HTTP endpoint listens; empty when it is off. */
    public Optional<InetSocketAddress> httpAddress() {
        return http.flatMap(HttpEndpoint::address);
    }

    /** Where /metrics and /healthz listen when {@code HEALTHBOT_ADMIN_ADDR} is set. */
    public Optional<InetSocketAddress> adminAddress() {
        return http.flatMap(HttpEndpoint::adminAddress);
    }

    /** Closes the socket, the scheduler, the probes and the database, in that order. */
    @Override
    public void close() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception e) {
                LOG.warn("close failed resource={} error={}", r.getClass().getSimpleName(), e.toString());
            }
        }
        resources.clear();
    }

    /** Opens the servers file's maintenance windows (after its servers, which they may name); fails the start on a bad target. */
    private static void applyFileWindows(ResponseService responses, List<ServersFile.PlannedWindow> planned) {
        var sync = responses.syncFileWindows(planned.stream()
                .map(p -> new ResponseService.Planned(p.target(), p.start(), p.end(), p.reason(), p.line()))
                .toList());
        if (!sync.problems().isEmpty()) {
            throw new dev.healthbot.serversfile.ServersFileException("(maintenance)", sync.problems());
        }
        LOG.info("servers file maintenance applied added={} ended={}", sync.added(), sync.ended());
    }
}

package dev.healthbot.errors;

import dev.healthbot.alert.SubscriptionService;
import dev.healthbot.monitor.Environment;
import java.security.SecureRandom;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Use case: add, list, remove error sources and rotate their keys; also answers which source a
 * subscription names. Thread-safe; called from Slack handlers.
 */
public final class ErrorSources implements SubscriptionService.SourceNames {

    /** Names as servers have them: letters, digits, dot, dash, underscore, 1 to 60. */
    public static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,59}");

    /** What a change did, as data; the adapter words it for the user. */
    public sealed interface Result {
        /** The source as it now is, with its key (shown once). */
        record Saved(ErrorSource source) implements Result {}

        /** Nothing changed: why, in one sentence. */
        record Refused(String reason) implements Result {}
    }

    private final ErrorSourceRepository sources;
    private final InstantSource clock;
    private final Supplier<String> keys;

    public ErrorSources(ErrorSourceRepository sources, InstantSource clock) {
        this(sources, clock, randomKeys(new SecureRandom()));
    }

    public ErrorSources(ErrorSourceRepository sources, InstantSource clock, Supplier<String> keys) {
        this.sources = sources;
        this.clock = clock;
        this.keys = keys;
    }

    /** 128 random bits as 32 hex digits, the shape of a Sentry public key. */
    public static Supplier<String> randomKeys(SecureRandom random) {
        return () -> {
            byte[] b = new byte[16];
            random.nextBytes(b);
            return HexFormat.of().formatHex(b);
        };
    }

    /** Adds a source; {@code environment} is DEV, STAGE or LIVE (any case), LIVE when null. */
    public Result add(String name, String environment, String actor) {
        if (name == null || !NAME.matcher(name).matches()) {
            return new Result.Refused(
                    "A source name is 1 to 60 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
        }
        Environment env = Environment.LIVE;
        if (environment != null) {
            Optional<Environment> parsed = Environment.parse(environment);
            if (parsed.isEmpty()) {
                return new Result.Refused("env must be DEV, STAGE or LIVE.");
            }
            env = parsed.get();
        }
        return sources.create(name, env, keys.get(), actor, clock.instant())
                .<Result>map(Result.Saved::new)
                .orElseGet(() -> new Result.Refused("An error source named " + name + " already exists."));
    }

    public List<ErrorSource> list() {
        return sources.all();
    }

    public Optional<ErrorSource> find(String name) {
        return sources.findByName(name);
    }

    /** Removes the source, its groups and their pending posts; its key stops working at once. */
    public Result remove(String name, String actor) {
        Optional<ErrorSource> s = sources.findByName(name);
        if (s.isEmpty() || !sources.remove(name, actor, clock.instant())) {
            return new Result.Refused("There is no error source named " + name + ".");
        }
        return new Result.Saved(s.get());
    }

    /** An error source the servers file lists: its name and environment (a key is never in a file). */
    public record Declared(String name, Environment environment) {}

    /**
     * What {@link #declare} did.
     *
     * @param added the names of the sources made, each with a fresh key that {@code /health errors show} reveals
     * @param problems each entry that could not be applied, with why (the others are applied)
     */
    public record Declaration(List<String> added, int updated, List<String> problems) {
        public Declaration {
            added = List.copyOf(added);
            problems = List.copyOf(problems);
        }
    }

    /**
     * Brings the sources in line with the servers file's {@code errors:} section: a source it names is made (with a
     * fresh key) or moved to the environment it gives. A source the file no longer names is kept: removing one drops
     * its groups, so that stays an explicit {@code /health errors remove}.
     */
    public Declaration declare(List<Declared> wanted, String actor) {
        List<String> added = new java.util.ArrayList<>();
        List<String> problems = new java.util.ArrayList<>();
        int updated = 0;
        for (Declared d : wanted) {
            Optional<ErrorSource> current = sources.findByName(d.name());
            if (current.isEmpty()) {
                Result r = add(d.name(), d.environment().name(), actor);
                if (r instanceof Result.Refused refused) {
                    problems.add(d.name() + ": " + refused.reason());
                } else {
                    added.add(d.name());
                }
            } else if (current.get().environment() != d.environment()) {
                if (sources.setEnvironment(d.name(), d.environment(), actor, clock.instant())
                        .isPresent()) {
                    updated++;
                } else {
                    problems.add(d.name() + ": removed meanwhile");
                }
            }
        }
        return new Declaration(added, updated, problems);
    }

    /** Gives the source a new key; the old one is refused from now on. */
    public Result rotate(String name, String actor) {
        return sources.rotate(name, keys.get(), actor, clock.instant())
                .<Result>map(Result.Saved::new)
                .orElseGet(() -> new Result.Refused("There is no error source named " + name + "."));
    }

    @Override
    public Optional<Long> idOf(String name) {
        return sources.findByName(name).map(ErrorSource::id);
    }

    @Override
    public Optional<String> nameOf(long id) {
        return sources.findById(id).map(ErrorSource::name);
    }
}

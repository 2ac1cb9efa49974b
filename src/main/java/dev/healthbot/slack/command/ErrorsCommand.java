package dev.healthbot.slack.command;

import dev.healthbot.errors.ErrorSource;
import dev.healthbot.errors.ErrorSources;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code /health errors add|list|remove|rotate}: error sources, the apps that report errors to
 * healthbot. Every answer is ephemeral; a key is shown only to whoever added or rotated it.
 */
public final class ErrorsCommand implements Subcommand {

    private final ErrorSources sources;
    private final Supplier<String> baseUrl;

    /** @param baseUrl where apps reach the HTTP endpoint ({@code HEALTHBOT_PUBLIC_URL}, else its local address) */
    public ErrorsCommand(ErrorSources sources, Supplier<String> baseUrl) {
        this.sources = sources;
        this.baseUrl = baseUrl;
    }

    @Override
    public String name() {
        return "errors";
    }

    @Override
    public Access access() {
        return Access.CHANGE;
    }

    /** Listing (masked keys) is reading, as {@code /health list} is; adding, removing and rotating are changes. */
    @Override
    public Access access(String args) {
        String verb = args == null || args.isBlank()
                ? "list"
                : args.strip().split("\\s+", 2)[0].toLowerCase(java.util.Locale.ROOT);
        return verb.equals("list") || verb.equals("ls") ? Access.READ : Access.CHANGE;
    }

    @Override
    public String usage() {
        return "/health errors add <name> [env=DEV|STAGE|LIVE] | list | show <name> | remove <name> | rotate <name>";
    }

    @Override
    public String summary() {
        return "apps that report errors (Sentry SDKs or a plain POST): add one to get its DSN and endpoint";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args args = Args.parse(request.args(), Set.of("env"), Set.of());
        List<String> w = args.words();
        String verb = w.isEmpty() ? "list" : w.get(0).toLowerCase(java.util.Locale.ROOT);
        switch (verb) {
            case "add" -> {
                if (w.size() != 2 || !args.options().keySet().stream().allMatch("env"::equals)) {
                    return usageReply();
                }
                return saved(sources.add(w.get(1), args.options().get("env"), request.userId()), "added");
            }
            case "remove", "rm" -> {
                if (w.size() != 2 || !args.options().isEmpty()) {
                    return usageReply();
                }
                ErrorSources.Result r = sources.remove(w.get(1), request.userId());
                if (r instanceof ErrorSources.Result.Saved s) {
                    return Reply.text(":wastebasket: Error source "
                            + BlockKit.code(s.source().name())
                            + " removed with its groups; its key is refused from now on.");
                }
                return Reply.text(":warning: " + ((ErrorSources.Result.Refused) r).reason());
            }
            case "show" -> {
                // The key again, e.g. for a source the servers file made: a secret, so only to someone who may change.
                if (w.size() != 2 || !args.options().isEmpty()) {
                    return usageReply();
                }
                return saved(
                        sources.find(w.get(1))
                                .<ErrorSources.Result>map(ErrorSources.Result.Saved::new)
                                .orElseGet(() -> new ErrorSources.Result.Refused(
                                        "There is no error source named " + w.get(1) + ".")),
                        "is ready");
            }
            case "rotate" -> {
                if (w.size() != 2 || !args.options().isEmpty()) {
                    return usageReply();
                }
                return saved(
                        sources.rotate(w.get(1), request.userId()),
                        "has a new key; the old one is refused from now on");
            }
            case "list", "ls" -> {
                if (w.size() > 1 || !args.options().isEmpty()) {
                    return usageReply();
                }
                return list(sources.list());
            }
            default -> {
                return usageReply();
            }
        }
    }

    private Reply usageReply() {
        return Reply.text(":warning: Usage: `" + usage() + "`.");
    }

    private Reply saved(ErrorSources.Result r, String what) {
        return answer(r, baseUrl.get(), what);
    }

    /**
     * The answer to a source added or rotated (the command and the add form's third kind): its DSN, plain
     * endpoint and key, or why it was refused.
     */
    static Reply answer(ErrorSources.Result r, String base, String what) {
        if (r instanceof ErrorSources.Result.Refused refused) {
            return Reply.text(":warning: " + refused.reason());
        }
        ErrorSource s = ((ErrorSources.Result.Saved) r).source();
        String text = ":white_check_mark: Error source " + BlockKit.code(s.name()) + " (" + s.environment() + ") "
                + what
                + ".\n*Sentry DSN* (any Sentry SDK): " + BlockKit.code(dsn(base, s))
                + "\n*Plain endpoint*: `POST " + BlockKit.escape(base) + "/errors/" + s.key() + "` with JSON like "
                + "`{\"message\": \"...\", \"type\": \"...\", \"stack\": \"...\"}`"
                + "\n*Key*: " + BlockKit.code(s.key()) + " (shown only here; `/health errors rotate "
                + BlockKit.escape(s.name()) + "` replaces it)"
                + "\nPosts go to channels subscribed to " + s.environment() + ", to everything, or to "
                + BlockKit.code("errors:" + s.name()) + ".";
        return Reply.text(text);
    }

    /** The Sentry DSN of a source: {@code scheme://key@host[:port][/path]/<id>}. */
    public static String dsn(String base, ErrorSource s) {
        URI u = URI.create(base);
        String port = u.getPort() < 0 ? "" : ":" + u.getPort();
        String path = u.getRawPath() == null ? "" : u.getRawPath().replaceAll("/+$", "");
        return u.getScheme() + "://" + s.key() + "@" + u.getHost() + port + path + "/" + s.id();
    }

    private static Reply list(List<ErrorSource> all) {
        if (all.isEmpty()) {
            return Reply.text("No error sources yet. `/health errors add <name> [env=DEV|STAGE|LIVE]` adds one.");
        }
        StringBuilder b = new StringBuilder("*Error sources*\n");
        for (ErrorSource s : all) {
            if (b.length() > 3500) {
                b.append("…");
                break;
            }
            b.append("• ")
                    .append(BlockKit.code(s.name()))
                    .append(" ")
                    .append(s.environment())
                    .append(" · id ")
                    .append(s.id())
                    .append(" · key ")
                    .append(BlockKit.code(s.maskedKey()))
                    .append('\n');
        }
        return Reply.text(b.toString().strip());
    }
}

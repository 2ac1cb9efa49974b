package dev.healthbot.slack.command;

import static com.slack.api.model.block.composition.BlockCompositions.plainText;
import static com.slack.api.model.block.element.BlockElements.button;

import com.slack.api.model.block.Blocks;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import dev.healthbot.monitor.Durations;
import dev.healthbot.monitor.MonitorService;
import dev.healthbot.monitor.Origin;
import dev.healthbot.monitor.Status;
import dev.healthbot.slack.Access;
import dev.healthbot.slack.view.BlockKit;
import dev.healthbot.slack.view.Reply;
import dev.healthbot.slack.view.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** {@code /health list} (alias {@code status}): every server, DOWN first, paged to stay inside Slack's limits. */
public final class ListCommand implements Subcommand, ActionHandler {

    public static final String PAGE_ACTION = "list_page";
    public static final int PAGE_SIZE = 25;
    private static final int LINES_PER_SECTION = 10;

    private final MonitorService monitors;
    private final Function<Long, String> notes;

    public ListCommand(MonitorService monitors) {
        this(monitors, id -> "");
    }

    /** @param notes a short extra for a server's line (e.g. its mute), "" for none */
    public ListCommand(MonitorService monitors, Function<Long, String> notes) {
        this.monitors = monitors;
        this.notes = notes;
    }

    @Override
    public String name() {
        return "list";
    }

    @Override
    public List<String> aliases() {
        return List.of("status");
    }

    @Override
    public Access access() {
        return Access.READ;
    }

    @Override
    public String usage() {
        return "/health list [page]";
    }

    @Override
    public String summary() {
        return "every server with its status, DOWN first (alias: status)";
    }

    @Override
    public Reply handle(CommandRequest request) {
        Args args = Args.parse(request.args());
        int page = 1;
        if (!args.words().isEmpty()) {
            String w = args.words().get(0);
            if (!w.matches("\\d{1,6}")) {
                return Reply.text(":warning: Usage: `" + usage() + "`, with a page number.");
            }
            page = Math.max(1, Integer.parseInt(w));
        }
        return page(monitors.list(), page, notes);
    }

    @Override
    public String actionId() {
        return PAGE_ACTION;
    }

    @Override
    public Reply clicked(String userId, String channelId, String value) {
        int page = value != null && value.matches("\\d{1,6}") ? Integer.parseInt(value) : 1;
        return page(monitors.list(), page, notes);
    }

    /** One page of the list; pure. */
    public static Reply page(List<MonitorService.Entry> entries, int page) {
        return page(entries, page, id -> "");
    }

    /** One page of the list, each line with its note (a mute); pure over the notes. */
    public static Reply page(List<MonitorService.Entry> entries, int page, Function<Long, String> notes) {
        if (entries.isEmpty()) {
            return Reply.text("No servers yet. Add one with `/health add` (a form) or "
                    + "`/health add api-live https://api.example.com/health env=LIVE`.");
        }
        int pages = (entries.size() + PAGE_SIZE - 1) / PAGE_SIZE;
        // A page number comes from a button value or the user's text: keep it inside 1..pages.
        int p = Math.max(1, Math.min(page, pages));
        Map<Status, Long> counts =
                entries.stream().collect(Collectors.groupingBy(e -> e.state().status(), Collectors.counting()));
        String summary = entries.size() + " servers: " + counts.getOrDefault(Status.DOWN, 0L) + " down, "
                + counts.getOrDefault(Status.PENDING, 0L) + " pending, " + counts.getOrDefault(Status.UP, 0L) + " up";
        List<LayoutBlock> blocks = new ArrayList<>();
        blocks.add(BlockKit.header("Servers"));
        blocks.add(BlockKit.context(summary + (pages > 1 ? " · page " + p + " of " + pages : "")));
        List<MonitorService.Entry> slice =
                entries.subList((p - 1) * PAGE_SIZE, Math.min(entries.size(), p * PAGE_SIZE));
        for (int i = 0; i < slice.size(); i += LINES_PER_SECTION) {
            String lines = slice.subList(i, Math.min(slice.size(), i + LINES_PER_SECTION)).stream()
                    .map(e -> line(e) + notes.apply(e.monitor().id()))
                    .collect(Collectors.joining("\n"));
            blocks.add(BlockKit.section(lines));
        }
        List<BlockElement> nav = new ArrayList<>();
        if (p > 1) {
            nav.add(pageButton("Previous page", p - 1));
        }
        if (p < pages) {
            nav.add(pageButton("Next page", p + 1));
        }
        if (!nav.isEmpty()) {
            blocks.add(Blocks.actions(a -> a.blockId("list_nav").elements(nav)));
        }
        String text = summary + "\n"
                + slice.stream()
                        .map(e -> e.monitor().name() + " " + e.state().status())
                        .collect(Collectors.joining("\n"));
        return new Reply(BlockKit.cut(text, 3900), blocks);
    }

    private static BlockElement pageButton(String label, int page) {
        return button(
                b -> b.actionId(PAGE_ACTION + ":" + page).text(plainText(label)).value(Integer.toString(page)));
    }

    static String line(MonitorService.Entry e) {
        var s = e.monitor().settings();
        var st = e.state();
        Function<String, String> cut = t -> BlockKit.cut(t, 80);
        String what = s.heartbeat()
                ? "heartbeat every " + Durations.format(s.period()) + ", grace " + Durations.format(s.grace()) + " · "
                        + Texts.since(st)
                : BlockKit.code(cut.apply(s.target().masked())) + " · " + Texts.since(st) + " · "
                        + Texts.latency(st.last());
        return Texts.emoji(st.status()) + " *" + BlockKit.escape(s.name()) + "* " + st.status() + " · "
                + s.environment() + " · " + what + " · alerts "
                + (s.alertsEnabled() ? "on" : "off")
                + (e.monitor().origin() == Origin.FILE ? " · :page_facing_up: file" : "")
                + (e.monitor().origin() == Origin.INVENTORY ? " · :card_index: inventory" : "")
                + (s.options().request().tlsVerify() ? "" : " · :warning: TLS not verified")
                + Texts.certificate(s, st);
    }
}

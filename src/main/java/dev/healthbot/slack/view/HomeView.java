package dev.healthbot.slack.view;

import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import java.util.List;

/** Builds the App Home tab; pure. */
public final class HomeView {

    private HomeView() {}

    public static View build(List<CommandLine> commands) {
        StringBuilder lines = new StringBuilder();
        for (CommandLine c : commands) {
            lines.append("• `")
                    .append(c.usage())
                    .append("` ")
                    .append(c.summary())
                    .append('\n');
        }
        List<LayoutBlock> blocks = List.of(
                BlockKit.header(":stethoscope: healthbot"),
                BlockKit.section("healthbot watches your servers (HTTP, WebSocket, TCP) on a schedule and tells the"
                        + " channels that subscribed when one goes down. When it comes back, the answer lands in the"
                        + " thread of the outage post and the post turns green."),
                BlockKit.section("*Start in three steps*\n1. `/health add` to register a server.\n"
                        + "2. `/health subscribe` in the channel that should hear about outages.\n"
                        + "3. `/health list` to see every server's status."),
                BlockKit.section("*Commands*\n" + lines.toString().strip()));
        return View.builder().type("home").blocks(blocks).build();
    }
}

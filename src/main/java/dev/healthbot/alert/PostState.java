package dev.healthbot.alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * What people did about an incident, as its outage post shows it: who acknowledged it and when, the server's
 * mute, and who the post calls; immutable.
 *
 * @param ackedBy a Slack user id, or null while nobody has it
 * @param mute the server's mute while it holds, or null
 */
public record PostState(String ackedBy, Instant ackedAt, Mute mute, List<Mention> mentions) {

    public static final PostState NONE = new PostState(null, null, null, List.of());

    public PostState {
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }

    public boolean acknowledged() {
        return ackedBy != null && ackedAt != null;
    }

    /** How long until someone acknowledged it; null when nobody did. */
    public Duration timeToAck(Instant openedAt) {
        return acknowledged() ? Duration.between(openedAt, ackedAt) : null;
    }

    public PostState withMentions(List<Mention> newMentions) {
        return new PostState(ackedBy, ackedAt, mute, newMentions);
    }
}

package dev.recon.ingest.replay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What a replay resets, and how long it waits for processing to stop.
 *
 * @param transformApplication the transform service's Streams application id
 * @param mergeApplication the merge service's Streams application id
 * @param sinkGroup the consumer group of the merge service's PostgreSQL sink
 * @param pauseTimeout how long every instance has to stop and leave its group
 * @param takeoverAfter how long an unfinished replay's gateway may be silent before another gateway
 *     takes the replay over
 */
@ConfigurationProperties("recon.replay")
public record ReplayProperties(
    @DefaultValue("recon-transform") String transformApplication,
    @DefaultValue("recon-merge") String mergeApplication,
    @DefaultValue("recon-sink") String sinkGroup,
    @DefaultValue("2m") Duration pauseTimeout,
    @DefaultValue("30s") Duration takeoverAfter) {}

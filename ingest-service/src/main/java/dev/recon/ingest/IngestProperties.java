package dev.recon.ingest;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The gateway's settings; each is overridable by the environment variable named in application.yml.
 *
 * @param spoolDir where uploaded files wait until their rows are published
 * @param workers uploads parsed and published at the same time
 * @param partitions partitions of every pipeline topic (the unit of parallelism)
 * @param replicationFactor replicas of every pipeline topic
 * @param transformGroup the transform service's application id, whose offsets measure progress
 * @param instanceId this gateway's name among the gateways sharing the broker and database; blank:
 *     one generated once and kept in the spool directory (see {@link GatewayInstance})
 * @param processFilesTimeout how long {@code POST /process-files} waits for its result
 * @param corsOrigins origins allowed to call the API from a browser
 */
@ConfigurationProperties("recon.ingest")
public record IngestProperties(
    @DefaultValue("${java.io.tmpdir}/recon-spool") Path spoolDir,
    @DefaultValue("2") int workers,
    @DefaultValue("6") int partitions,
    @DefaultValue("1") short replicationFactor,
    @DefaultValue("recon-transform") String transformGroup,
    @DefaultValue("") String instanceId,
    @DefaultValue("10m") Duration processFilesTimeout,
    @DefaultValue("http://localhost:3000") List<String> corsOrigins) {}

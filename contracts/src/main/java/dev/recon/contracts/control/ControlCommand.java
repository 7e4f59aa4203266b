package dev.recon.contracts.control;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.Set;

/**
 * An instruction from the gateway to every instance of the Streams services, on {@link
 * dev.recon.contracts.Topics#CONTROL}. A replay pauses all processing, resets the groups and the
 * read model while nothing runs, then resumes.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = ControlCommand.PauseForReplay.class, name = "PauseForReplay.v1"),
  @JsonSubTypes.Type(value = ControlCommand.ResumeAfterReplay.class, name = "ResumeAfterReplay.v1")
})
public sealed interface ControlCommand {

  long replayId();

  /** Stop processing, leave the consumer groups and drop local state: the groups are reset next. */
  record PauseForReplay(long replayId) implements ControlCommand {}

  /**
   * Start processing again, from the offsets the replay set.
   *
   * @param retractedUploads every upload retracted so far (SPEC §8.3), whose rows processing skips
   *     from now on: the latest command on the channel always carries them all, so an instance that
   *     starts later skips them too. Absent from commands written before retraction existed.
   */
  record ResumeAfterReplay(long replayId, Set<Long> retractedUploads) implements ControlCommand {
    public ResumeAfterReplay {
      retractedUploads = retractedUploads == null ? Set.of() : Set.copyOf(retractedUploads);
    }
  }
}

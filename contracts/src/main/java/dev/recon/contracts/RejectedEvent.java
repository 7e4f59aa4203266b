package dev.recon.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A value on the dead-letter topic: a rejected row, or an upload's end marker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RejectedRow.class, name = "RejectedRow.v1"),
  @JsonSubTypes.Type(value = UploadMarker.class, name = "UploadMarker.v1")
})
public sealed interface RejectedEvent permits RejectedRow, UploadMarker {}

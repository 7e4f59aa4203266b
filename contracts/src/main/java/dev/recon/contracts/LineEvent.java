package dev.recon.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A value on a normalised lines topic: a kept line, or an upload's end marker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = Line.class, name = "Line.v1"),
  @JsonSubTypes.Type(value = UploadMarker.class, name = "UploadMarker.v1")
})
public sealed interface LineEvent permits Line, UploadMarker {}

package dev.recon.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A value on a raw topic: one row as read from an uploaded file, or an upload's end marker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = RawRow.class, name = "RawRow.v1"),
  @JsonSubTypes.Type(value = UploadMarker.class, name = "UploadMarker.v1")
})
public sealed interface RawEvent permits RawRow, UploadMarker {}

package dev.recon.contracts;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A value on the results topic: an order's current result, a non-order charge, or a marker. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "@type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = OrderResult.class, name = "OrderResult.v1"),
  @JsonSubTypes.Type(value = NonOrderCharge.class, name = "NonOrderCharge.v1"),
  @JsonSubTypes.Type(value = UploadMarker.class, name = "UploadMarker.v1")
})
public sealed interface ResultEvent permits OrderResult, NonOrderCharge, UploadMarker {}

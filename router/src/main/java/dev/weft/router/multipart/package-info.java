/**
 * Multipart uploads ({@code multipart/form-data}, RFC 7578): a sans-IO parser, the
 * {@link dev.weft.router.multipart.Multipart#multipart()} extractor that hands parts over one at a
 * time with each body streamed under backpressure, limits, and a buffered convenience for small
 * forms.
 */
package dev.weft.router.multipart;

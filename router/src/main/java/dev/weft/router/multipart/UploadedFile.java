package dev.weft.router.multipart;

/**
 * A file part read whole by {@link Multipart#form}: give a form record a component of this type
 * for each file field.
 *
 * @param filename    the name it was sent with, or null
 * @param contentType its content type
 * @param bytes       its content
 */
public record UploadedFile(String filename, String contentType, byte[] bytes) {
}

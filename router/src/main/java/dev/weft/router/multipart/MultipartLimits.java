package dev.weft.router.multipart;

/**
 * The limits a multipart body is read under. Passing one is answered with a problem: 413 for
 * sizes and counts, 400 for a malformed body.
 *
 * <table>
 *   <caption>Limits and defaults</caption>
 *   <tr><th>limit</th><th>default</th><th>when passed</th></tr>
 *   <tr><td>{@code maxParts}</td><td>100</td><td>413 at the part after the last allowed</td></tr>
 *   <tr><td>{@code maxHeaderBytes}</td><td>8 KiB</td><td>413: one part's header block</td></tr>
 *   <tr><td>{@code maxTotalBytes}</td><td>unlimited ({@code Long.MAX_VALUE})</td><td>413: the whole
 *       body as sent; a stream to disk needs no other bound, a buffering handler has its own</td></tr>
 *   <tr><td>{@code maxBufferedPartBytes}</td><td>2 MiB</td><td>413: a part read whole with
 *       {@code bytes()} or {@code text()}, and every part of {@link Multipart#form}</td></tr>
 * </table>
 *
 * <pre>{@code
 * router.post("/upload", multipart(MultipartLimits.defaults().maxParts(4).maxTotalBytes(10L << 30)), parts -> ...);
 * }</pre>
 *
 * @param maxParts             the most parts
 * @param maxHeaderBytes       the most bytes of one part's headers
 * @param maxTotalBytes        the most bytes of the whole body
 * @param maxBufferedPartBytes the most bytes of a part read into memory
 */
public record MultipartLimits(int maxParts, int maxHeaderBytes, long maxTotalBytes, long maxBufferedPartBytes) {

    /** Validates the limits. */
    public MultipartLimits {
        if (maxParts < 1 || maxHeaderBytes < 64 || maxTotalBytes < 1 || maxBufferedPartBytes < 0) {
            throw new IllegalArgumentException("invalid multipart limits: " + maxParts + ", " + maxHeaderBytes
                    + ", " + maxTotalBytes + ", " + maxBufferedPartBytes);
        }
    }

    /** The defaults in the table above. */
    public static MultipartLimits defaults() {
        return new MultipartLimits(100, 8 * 1024, Long.MAX_VALUE, 2L * 1024 * 1024);
    }

    /** These limits with another part count. */
    public MultipartLimits maxParts(int n) {
        return new MultipartLimits(n, maxHeaderBytes, maxTotalBytes, maxBufferedPartBytes);
    }

    /** These limits with another header size. */
    public MultipartLimits maxHeaderBytes(int n) {
        return new MultipartLimits(maxParts, n, maxTotalBytes, maxBufferedPartBytes);
    }

    /** These limits with another total size. */
    public MultipartLimits maxTotalBytes(long n) {
        return new MultipartLimits(maxParts, maxHeaderBytes, n, maxBufferedPartBytes);
    }

    /** These limits with another buffered part size. */
    public MultipartLimits maxBufferedPartBytes(long n) {
        return new MultipartLimits(maxParts, maxHeaderBytes, maxTotalBytes, n);
    }
}
